namespace Hall.CountyHub.Figures;

/// <summary>One 差评 case on the county's list: its deadlines as the box computed them in working days.</summary>
public sealed record CaseRow(
    string BoxId,
    string HallName,
    string CaseId,
    string? TicketNo,
    string? Counter,
    string? StaffId,
    int? Level,
    string State,
    bool Overdue,
    DateTimeOffset? OpenedAt,
    DateTimeOffset? CallbackDue,
    DateTimeOffset? RectifyDue,
    string? LastAction,
    DateTimeOffset UpdatedAt);
