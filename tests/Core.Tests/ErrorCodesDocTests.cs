using System.Reflection;
using System.Text.RegularExpressions;
using Hall.Contract;

namespace Hall.Core.Tests;

/// <summary>docs/error-codes.md lists every code the box and the county hub can answer with, and nothing they cannot.</summary>
public sealed partial class ErrorCodesDocTests
{
    [Fact]
    public void Every_error_code_is_documented_and_every_documented_code_exists()
    {
        var codes = Codes().Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var doc = File.ReadAllText(Path.Combine(Repository.Root(), "docs", "error-codes.md"));
        var documented = TableCode().Matches(doc).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(codes.Except(documented));
        Assert.Empty(documented.Except(codes));
    }

    [Fact]
    public void No_code_means_two_things()
    {
        // A code in two classes is two meanings under one name (upload-too-large was once the box's and the hub's).
        var shared = Codes().GroupBy(c => c.Code, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(c => c.Where))}").ToList();

        Assert.Empty(shared);
    }

    private static IEnumerable<(string Code, string Where)> Codes() =>
        new[]
        {
            typeof(ErrorCodes), typeof(Hall.Contract.Uplink.UplinkErrorCodes), typeof(HubErrorCodes), typeof(Hall.Contract.Downlink.DownlinkErrorCodes),
            typeof(Hall.Contract.Evidence.EvidenceErrorCodes), typeof(Hall.Contract.Evidence.UploadErrorCodes),
        }
        .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => ((string)f.GetRawConstantValue()!, $"{t.Name}.{f.Name}")));

    [GeneratedRegex(@"^\| `([a-z-]+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableCode();
}
