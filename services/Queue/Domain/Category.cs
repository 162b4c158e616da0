namespace Hall.Queue.Domain;

/// <summary>A business category (业务类别): its prefix letter starts every ticket number it issues.</summary>
public sealed class Category
{
    public required string Prefix { get; init; }

    public required string Name { get; set; }

    /// <summary>False: the kiosk issues no more tickets of this category (category-closed).</summary>
    public bool Active { get; set; } = true;

    /// <summary>Most tickets per day; at most 999 (three digits).</summary>
    public int DailyLimit { get; set; } = TicketNumbering.MaxNumber;

    /// <summary>Display order on pages and kiosks.</summary>
    public int Order { get; set; }
}
