using Hall.Contract;

namespace Hall.CountyHub.Downlink;

/// <summary>What publishing a version gave: the new version, or why nothing was published (an error and every problem found).</summary>
public sealed record PublishResult(ConfigVersion? Published, ErrorBody? Error, IReadOnlyList<string> Problems)
{
    public static PublishResult Refused(string code, string message, IReadOnlyList<string>? problems = null) => new(null, new ErrorBody(code, message), problems ?? []);
}
