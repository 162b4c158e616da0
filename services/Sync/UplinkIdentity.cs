namespace Hall.Sync;

/// <summary>Who the box is to the hub: its id (the hall id), the hall's name and the hall's time zone.</summary>
public sealed record UplinkIdentity(string BoxId, string HallName, string TimeZone);
