namespace Hall.Contract.Downlink;

/// <summary>A business category (业务类别): one capital letter that prefixes its tickets, and its name.</summary>
public sealed record ConfigCategory(string Prefix, string Name);
