using Hall.SiteInspection.Ocr;

namespace Hall.SiteInspection.Tests.Ocr;

public sealed class ReadingOrderTests
{
    [Fact]
    public void Rows_go_top_to_bottom_and_each_row_left_to_right_though_its_boxes_sit_a_little_apart_in_height()
    {
        var dateRight = new PixelBox(200, 603, 120, 30); // a word that starts a few pixels higher
        var dateLeft = new PixelBox(20, 606, 160, 30);
        var address = new PixelBox(20, 650, 500, 36);
        var corner = new PixelBox(1100, 20, 150, 30);
        List<PixelBox> boxes = [address, dateRight, corner, dateLeft];

        ReadingOrder.Sort(boxes);

        Assert.Equal([corner, dateLeft, dateRight, address], boxes);
    }
}
