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
        var codes = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Concat(typeof(Hall.Contract.Uplink.UplinkErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
            .Concat(typeof(HubErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
            .Concat(typeof(Hall.Contract.Downlink.DownlinkErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
            .Concat(typeof(Hall.Contract.Evidence.EvidenceErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
        var doc = File.ReadAllText(Path.Combine(Repository.Root(), "docs", "error-codes.md"));
        var documented = TableCode().Matches(doc).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(codes.Except(documented));
        Assert.Empty(documented.Except(codes));
    }

    [GeneratedRegex(@"^\| `([a-z-]+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableCode();
}
