using System.ComponentModel.DataAnnotations;

namespace Hall.CountyHub.Evidence;

/// <summary>Limits of the videos boxes upload when the county asks, section <c>Hub:Evidence</c> (docs/settings.md).</summary>
public sealed class EvidenceOptions
{
    public const string Section = "Hub:Evidence";

    /// <summary>The largest chunk of one upload request, in bytes.</summary>
    [Range(4096, 67_108_864)]
    public int MaxChunkBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest video the hub takes, in bytes.</summary>
    [Range(1024, 68_719_476_736)]
    public long MaxVideoBytes { get; set; } = 4L * 1024 * 1024 * 1024;
}
