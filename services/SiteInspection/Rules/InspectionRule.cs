namespace Hall.SiteInspection.Rules;

/// <summary>
/// The inspection rules of one catalogue item (事项): its points, the legal basis, the statutory time limit, the
/// minimum video length and the cautions shown to the applicant before filming. Part of the catalogue the county hub
/// pushes down; <see cref="Version"/> says which push it came from.
/// </summary>
public sealed record InspectionRule
{
    public required string ItemCode { get; init; }

    public required string ItemName { get; init; }

    public required string Department { get; init; }

    /// <summary>法律依据, e.g. 《食品经营许可和备案管理办法》第二十条.</summary>
    public required string LegalBasis { get; init; }

    /// <summary>法定办结时限, in working days.</summary>
    public required int StatutoryDays { get; init; }

    public required TimeSpan MinimumDuration { get; init; }

    public required IReadOnlyList<Checkpoint> Checkpoints { get; init; }

    /// <summary>注意事项: shown before filming.</summary>
    public IReadOnlyList<string> Cautions { get; init; } = [];

    public int Version { get; init; } = 1;

    public Checkpoint? Find(string code) => Checkpoints.FirstOrDefault(c => c.Code == code);
}
