namespace Hall.SiteInspection.Ocr;

/// <summary>
/// Orders boxes as text is read: top to bottom, and left to right within a row (boxes whose vertical middles lie within
/// half a box height of each other), as PaddleOCR's sorted_boxes does with its fixed 10-pixel tolerance.
/// </summary>
internal static class ReadingOrder
{
    public static void Sort(List<PixelBox> boxes)
    {
        boxes.Sort(static (a, b) => a.Y != b.Y ? a.Y.CompareTo(b.Y) : a.X.CompareTo(b.X));
        for (var i = 1; i < boxes.Count; i++)
        {
            for (var j = i; j > 0 && SameRow(boxes[j - 1], boxes[j]) && boxes[j].X < boxes[j - 1].X; j--)
            {
                (boxes[j - 1], boxes[j]) = (boxes[j], boxes[j - 1]);
            }
        }
    }

    private static bool SameRow(PixelBox a, PixelBox b) =>
        Math.Abs((a.Y + (a.Height / 2f)) - (b.Y + (b.Height / 2f))) < Math.Min(a.Height, b.Height) / 2f;
}
