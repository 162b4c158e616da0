using System.ComponentModel.DataAnnotations;

namespace Hall.Queue;

/// <summary>A counter in the seed catalogue (Queue:Counters:n).</summary>
public sealed class CounterSeed
{
    [Required(ErrorMessage = "{0} is required (e.g. 1).")]
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Category prefixes served, most preferred first.</summary>
    [MinLength(1, ErrorMessage = "{0} must list at least one category prefix.")]
    public List<string> Categories { get; set; } = [];

    /// <summary>"O:P" interleave rule; empty for the hall default.</summary>
    [Interleave]
    public string? Interleave { get; set; }

    /// <summary>
    /// The village point (村级代办点) the counter stands at (the 代办员's desk); empty for the township hall's own counters.
    /// It calls only the tickets of that village's kiosks.
    /// </summary>
    [RegularExpression("^[a-z0-9][a-z0-9-]{1,62}$", ErrorMessage = "{0} must be a village point id: 2–63 lowercase letters, digits or '-' (e.g. v-dongzhuang).")]
    public string? Village { get; set; }

    /// <summary>Open at first start (a demo box calls at once).</summary>
    public bool Open { get; set; } = true;
}
