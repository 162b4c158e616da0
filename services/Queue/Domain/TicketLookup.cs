namespace Hall.Queue.Domain;

/// <summary>One of today's tickets as its holder's phone page shows it: where it stands, and at which counter.</summary>
/// <param name="Priority">green, assisted, elderly or appointment as the contract names them; null for an ordinary ticket.</param>
public sealed record TicketLookup(string TicketNo, string Category, TicketStatus Status, string? Counter, DateTimeOffset IssuedAt, DateTimeOffset? CalledAt, DateTimeOffset? EndedAt, string? Priority);
