using System.Text.RegularExpressions;
using Hall.Contract;

namespace Hall.Core.Tests;

/// <summary>docs/contract.md's alert table lists every alert type the box raises, and nothing it does not.</summary>
public sealed partial class AlertTypesDocTests
{
    [Fact]
    public void Every_alert_type_is_documented_and_every_documented_type_exists()
    {
        var doc = File.ReadAllText(Path.Combine(Repository.Root(), "docs", "contract.md"));
        var section = doc[doc.IndexOf("## Alerts", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 1, StringComparison.Ordinal)];
        var documented = TableType().Matches(section).Select(m => (m.Groups[1].Value, m.Groups[2].Value == "condition")).ToList();

        Assert.Equal(AlertTypes.All.Order(StringComparer.Ordinal), documented.Select(d => d.Item1).Order(StringComparer.Ordinal));
        Assert.All(documented, d => Assert.Equal(d.Item2, AlertTypes.IsCondition(d.Item1)));
    }

    [GeneratedRegex(@"^\| `([a-z-]+)` \| (condition|one-time) \|", RegexOptions.Multiline)]
    private static partial Regex TableType();
}
