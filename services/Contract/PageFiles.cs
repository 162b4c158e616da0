using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Hall.Contract;

/// <summary>
/// The box's web pages as real files: each page's HTML, CSS and JS sit in a <c>Pages/</c> folder beside the code that
/// serves them, embedded in that assembly by one line in its project file,
/// <c>&lt;EmbeddedResource Include="**/Pages/*.html;**/Pages/*.css;**/Pages/*.js" LogicalName="Pages/%(Filename)%(Extension)" /&gt;</c>
/// (so file names are unique per assembly, and a clash fails the build).
/// </summary>
/// <remarks>
/// <see cref="Load"/> assembles a page into the one self-contained document a browser receives, as the box has always
/// served it: no web root, no CDN and no extra routes. In a page, exactly these forms are replaced, each naming a
/// file of the same assembly:
/// <list type="bullet">
/// <item><c>&lt;link rel="stylesheet" href="x.css"&gt;</c> by <c>&lt;style&gt;</c> with the file's text;</item>
/// <item><c>&lt;script src="x.js"&gt;&lt;/script&gt;</c> by <c>&lt;script&gt;</c> with the file's text;</item>
/// <item><c>&lt;!--#include file="x.html"--&gt;</c> by that fragment, itself assembled the same way.</item>
/// </list>
/// The files are fixed text: nothing from a request is ever put into them here. A page that shows data fetches it and
/// escapes it in its script, or is rendered by C# that HTML-encodes every value.
/// </remarks>
public static partial class PageFiles
{
    /// <summary>The logical name prefix of every page file in an assembly.</summary>
    public const string ResourcePrefix = "Pages/";

    private const int MaxDepth = 8;

    /// <summary>The page <paramref name="name"/> (e.g. <c>console.html</c>) of <paramref name="assembly"/>, with its styles, scripts and fragments put in.</summary>
    /// <exception cref="InvalidOperationException">A file is missing, or an include goes round in a circle.</exception>
    public static string Load(Assembly assembly, string name)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Assemble(assembly, name, ReadText(assembly, name), 0);
    }

    /// <summary>One file's text as it is in the assembly (a stylesheet, or a page with nothing to assemble).</summary>
    /// <exception cref="InvalidOperationException">The file is not embedded in <paramref name="assembly"/>.</exception>
    public static string ReadText(Assembly assembly, string name)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentException.ThrowIfNullOrEmpty(name);
        using var stream = assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"The page file {name} is not embedded in {assembly.GetName().Name} (a {ResourcePrefix}{name} resource).");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static string Assemble(Assembly assembly, string name, string text, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException($"The page file {name} is included more than {MaxDepth} levels deep: do its includes go round in a circle?");
        }

        return Reference().Replace(text, match =>
        {
            if (match.Groups["css"] is { Success: true } css)
            {
                return "<style>\n" + Inline(css.Value, ReadText(assembly, css.Value), "</style") + "</style>";
            }

            if (match.Groups["js"] is { Success: true } js)
            {
                return "<script>\n" + Inline(js.Value, ReadText(assembly, js.Value), "</script") + "</script>";
            }

            var fragment = match.Groups["html"].Value;
            return Assemble(assembly, fragment, ReadText(assembly, fragment), depth + 1).TrimEnd('\n');
        });
    }

    /// <summary>A file's text to go inside its element, which it must not be able to close early.</summary>
    private static string Inline(string file, string content, string closing) =>
        content.Contains(closing, StringComparison.OrdinalIgnoreCase)
            ? throw new InvalidOperationException($"The page file {file} contains {closing}>, which would end its element early.")
            : content;

    [GeneratedRegex("""<link rel="stylesheet" href="(?<css>[a-z0-9][a-z0-9.-]*\.css)">|<script src="(?<js>[a-z0-9][a-z0-9.-]*\.js)"></script>|<!--#include file="(?<html>[a-z0-9][a-z0-9.-]*\.html)"-->""", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
