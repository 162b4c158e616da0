using System.ComponentModel.DataAnnotations;
using Hall.Queue.Domain;

namespace Hall.Queue;

/// <summary>A category in the seed catalogue (Queue:Categories:n).</summary>
public sealed class CategorySeed
{
    /// <summary>One capital letter, e.g. A.</summary>
    [RegularExpression(@"^\s*[A-Za-z]\s*$", ErrorMessage = "{0} must be one letter A–Z.")]
    public string Prefix { get; set; } = "";

    [Required(ErrorMessage = "{0} is required (e.g. 公民类).")]
    public string Name { get; set; } = "";

    /// <summary>Most tickets per day (at most 999).</summary>
    [Range(1, TicketNumbering.MaxNumber)]
    public int DailyLimit { get; set; } = TicketNumbering.MaxNumber;
}
