using System.Text.RegularExpressions;

namespace Hall.Contract.Settings;

/// <summary>Turns the paths a generated options validator writes into the keys of the settings file.</summary>
internal static partial class SettingsKeys
{
    /// <summary>The options name under which a section's values are reported: "SiteInspection:Jobs" → "SiteInspection.Jobs".</summary>
    public static string PathPrefix(string section) => section.Replace(':', '.');

    /// <summary>
    /// "Categories: The field Queue.Counters[2].Categories must …" → "The field Queue:Counters:2:Categories must …":
    /// every path under the section becomes its key, and the bare member name the result builder puts first goes.
    /// </summary>
    public static string Keyed(string section, string failure)
    {
        var prefix = PathPrefix(section);
        var keyed = Path().Replace(failure, m => m.Value.StartsWith(prefix, StringComparison.Ordinal) && IsPathStart(m.Value, prefix) ? Key(m.Value) : m.Value);
        var member = MemberPrefix().Match(keyed);
        return member.Success && keyed.AsSpan(member.Length).Contains(section + ":", StringComparison.Ordinal) ? keyed[member.Length..] : keyed;
    }

    private static bool IsPathStart(string path, string prefix) => path.Length > prefix.Length && path[prefix.Length] is '.' or '[';

    private static string Key(string path) =>
        path.Replace('.', ':').Replace("[", ":", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal);

    /// <summary>A dotted path with indexes, not inside a longer word or key.</summary>
    [GeneratedRegex(@"(?<![\w:.\[\]])[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[\d+\])+", RegexOptions.CultureInvariant)]
    private static partial Regex Path();

    [GeneratedRegex(@"^[A-Za-z_]\w*(?:, [A-Za-z_]\w*)*: ", RegexOptions.CultureInvariant)]
    private static partial Regex MemberPrefix();
}
