namespace Hall.SiteInspection.Ocr;

/// <summary>
/// One line of text read from a picture: the text, how sure the recogniser was (0–1, the mean of its per-character
/// probabilities), and where the line is in the picture, in pixels (X, Y top left).
/// </summary>
public sealed record TextLine(string Text, float Confidence, int X, int Y, int Width, int Height);
