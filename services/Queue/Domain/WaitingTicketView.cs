namespace Hall.Queue.Domain;

/// <summary>A waiting ticket on the pages.</summary>
public sealed record WaitingTicketView(string TicketNo, string Category, string? Priority, DateTimeOffset IssuedAt, string? ForCounter, int Overtaken);
