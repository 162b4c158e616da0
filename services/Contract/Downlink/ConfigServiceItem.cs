namespace Hall.Contract.Downlink;

/// <summary>One service item (事项) of the catalogue.</summary>
/// <param name="Code">e.g. <c>B-SC-001</c>.</param>
/// <param name="Category">The prefix of its category.</param>
/// <param name="CommittedDays">承诺时限, working days; at most <paramref name="StatutoryDays"/>.</param>
/// <param name="StatutoryDays">法定时限, working days.</param>
/// <param name="DecidedAt">Where it is decided: <see cref="ConfigDecidedAt.Township"/>, or <see cref="ConfigDecidedAt.County"/> (乡呼县应: accepted here, decided by the county).</param>
/// <param name="InformedCommitment">告知承诺制 applies.</param>
/// <param name="Delivery">How the result is handed over: <see cref="ConfigDelivery"/> values.</param>
public sealed record ConfigServiceItem(
    string Code,
    string Name,
    string Category,
    string Department,
    int CommittedDays,
    int StatutoryDays,
    string DecidedAt,
    IReadOnlyList<ConfigMaterial> Materials,
    bool InformedCommitment,
    IReadOnlyList<string> Delivery);
