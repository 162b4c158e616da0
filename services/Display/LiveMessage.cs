namespace Hall.Display;

/// <summary>One message as the live pages get it: the MQTT topic and its JSON payload.</summary>
public sealed record LiveMessage(string Topic, string Json, bool Retain);
