namespace Hall.CountyHub.Figures;

/// <summary>An enrolled hall: its box id and the name its box last sent (the id when it never sent one).</summary>
public sealed record HallName(string BoxId, string Name);
