namespace Hall.Vision;

/// <summary>One SSD anchor in normalized input coordinates (MediaPipe's Anchor proto).</summary>
public readonly record struct SsdAnchor(float XCenter, float YCenter, float Width, float Height);
