namespace Hall.Store.Writer;

/// <summary>A message on a hall topic owed by a committed command.</summary>
public sealed record Publication(string Topic, object Payload, bool Retain);
