namespace Hall.SiteInspection.Ocr;

/// <summary>An axis-aligned box in picture pixels: X, Y top left.</summary>
internal readonly record struct PixelBox(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;
}
