namespace Hall.Vision;

/// <summary>A point in normalized input coordinates: 0..1 of the model input's width (X) and height (Y), origin top left.</summary>
public readonly record struct FacePoint(float X, float Y);
