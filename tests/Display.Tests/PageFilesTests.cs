using Hall.Contract;

namespace Hall.Display.Tests;

/// <summary>
/// <see cref="PageFiles"/> with the sample pages in this project's Pages folder (embedded the same way as the
/// services' pages) and with the display's own pages.
/// </summary>
public class PageFilesTests
{
    private static readonly System.Reflection.Assembly Samples = typeof(PageFilesTests).Assembly;

    [Fact]
    public void A_page_gets_its_styles_scripts_and_fragments_in_place_and_outside_references_are_left_alone()
    {
        var page = PageFiles.Load(Samples, "sample.html");

        Assert.Equal(
            "<!DOCTYPE html>\n<html>\n<head>\n  <style>\nbody { color: #123; }\n</style>\n</head>\n<body>\n" +
            "  <div id=\"part\">\n  <style>\n#part { margin: 0; }\n</style>\n</div>\n" +
            "  <script>\nconst answer = '<b>' + 42;\n</script>\n" +
            "  <script src=\"https://example.invalid/outside.js\"></script>\n</body>\n</html>\n",
            page);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PageFiles.Load(Samples, "missing.html"));

        Assert.Contains("absent.css", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => PageFiles.Load(Samples, "no-such-page.html"));
    }

    [Fact]
    public void A_circular_include_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PageFiles.Load(Samples, "circle.html"));

        Assert.Contains("circle.html", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_script_that_would_end_its_element_early_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PageFiles.Load(Samples, "early-end.html"));

        Assert.Contains("early-end.js", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hall.html")]
    [InlineData("counter.html")]
    [InlineData("kiosk.html")]
    public void The_display_pages_are_served_whole(string name)
    {
        var page = PageFiles.Load(typeof(DisplayPages).Assembly, name);

        Assert.Contains("<style>", page, StringComparison.Ordinal);
        Assert.Contains("<script>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<!--#include", page, StringComparison.Ordinal);
    }
}
