using System.ComponentModel.DataAnnotations;

namespace Hall.Evaluation.Domain;

/// <summary>One reason a person may give for a level 1–2 rating: a short code (sent by devices) and the words shown.</summary>
public sealed class RatingReasonOption
{
    [Required(ErrorMessage = "{0} is required, without spaces (e.g. attitude).")]
    [RegularExpression(@"^\S+$", ErrorMessage = "{0} is required, without spaces (e.g. attitude).")]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "{0} is required (e.g. 服务态度不好).")]
    public string Text { get; set; } = "";
}
