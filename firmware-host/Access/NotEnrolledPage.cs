using System.Text.RegularExpressions;
using Hall.Contract;

namespace Hall.FirmwareHost.Access;

/// <summary>
/// What a device page shows a browser that is not that device: 本设备未登记 with what to do, and the setup pages a
/// technician opens once on the device. Each is one fragment (its <c>main</c>) in the one shell, device-page.html,
/// which carries the hall's name (put in when served, see <see cref="Refusal.Page"/>). Fixed text (element ids for
/// tests: <c>device-refused</c>, <c>setup-form</c>, <c>setup-submit</c>).
/// </summary>
internal static partial class NotEnrolledPage
{
    public static string NotEnrolled { get; } = Compose("device-not-enrolled.html", "not-enrolled");

    public static string OtherDevice { get; } = Compose("device-other.html", "other-device");

    public static string Setup { get; } = Compose("device-setup.html", "setup");

    public static string SetupInvalid { get; } = Compose("device-setup-invalid.html", "setup-invalid");

    private static string Compose(string fragment, string state)
    {
        var assembly = typeof(NotEnrolledPage).Assembly;
        var content = PageFiles.ReadText(assembly, fragment).TrimEnd('\n');
        var title = Heading().Match(content) is { Success: true } heading ? heading.Groups[1].Value : throw new InvalidOperationException($"The device page {fragment} has no <h1>.");
        return PageFiles.Load(assembly, "device-page.html")
            .Replace("{{title}}", title, StringComparison.Ordinal)
            .Replace("{{state}}", state, StringComparison.Ordinal)
            .Replace("<!--content-->", content, StringComparison.Ordinal);
    }

    [GeneratedRegex("<h1>([^<]+)</h1>")]
    private static partial Regex Heading();
}
