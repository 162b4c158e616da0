namespace Hall.Queue.Domain;

/// <summary>
/// One issued number (排队号). The number and prefix never change; a transfer changes
/// <see cref="Category"/> or <see cref="ForCounter"/> but the ticket keeps its place by <see cref="IssuedAt"/>.
/// </summary>
public sealed class Ticket
{
    /// <summary>E.g. A012: <see cref="IssuePrefix"/> and <see cref="Number"/> on three digits.</summary>
    public required string TicketNo { get; init; }

    /// <summary>The hall-local day the ticket belongs to; numbers restart every day.</summary>
    public required DateOnly Day { get; init; }

    public required string IssuePrefix { get; init; }

    public required int Number { get; init; }

    /// <summary>The category the ticket waits in now (changes on transfer).</summary>
    public required string Category { get; set; }

    public required TicketKind Kind { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    public TicketStatus Status { get; set; } = TicketStatus.Waiting;

    /// <summary>Set by a transfer to a counter: only that counter may call the ticket.</summary>
    public string? ForCounter { get; set; }

    /// <summary>The counter that called it last.</summary>
    public string? Counter { get; set; }

    public string? StaffId { get; set; }

    /// <summary>When the serving counter first called it (service time runs from here).</summary>
    public DateTimeOffset? CalledAt { get; set; }

    /// <summary>When it was finished, skipped, walked out or cancelled.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    public int Recalls { get; set; }

    /// <summary>How many later-issued tickets were called past this one while it waited (see QueueOptions.MaxOvertakes).</summary>
    public int Overtaken { get; set; }

    public int Reprints { get; set; }

    /// <summary>Salted SHA-256 of the ID card number, only where the hall limits one waiting ticket per card.</summary>
    public string? IdCardHash { get; init; }

    public string? AppointmentCode { get; init; }

    /// <summary>The village point whose kiosk issued it (from the kiosk's enrollment); null for the township hall's own.</summary>
    public string? Village { get; init; }

    public bool IsPriority => Kind != TicketKind.Ordinary;

    /// <summary>Strict issue order: issue time, then number, then prefix (several tickets may share one instant).</summary>
    public bool IssuedBefore(Ticket other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var byTime = IssuedAt.CompareTo(other.IssuedAt);
        if (byTime != 0)
        {
            return byTime < 0;
        }

        return Number != other.Number ? Number < other.Number : string.CompareOrdinal(IssuePrefix, other.IssuePrefix) < 0;
    }
}
