namespace Hall.Evaluation;

/// <summary>A message to send on a hall topic after the commit (never retained: evaluate messages are events).</summary>
internal sealed record Publication(string Topic, object Payload);
