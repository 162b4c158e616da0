namespace Hall.Queue.Domain;

/// <summary>A category on the pages: its waiting count and measured mean service time.</summary>
public sealed record CategoryView(string Prefix, string Name, bool Active, int DailyLimit, int Waiting, double MeanServiceMinutes, int Order);
