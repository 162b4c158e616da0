using Hall.Contract.Downlink;
using Hall.Store.Writer;

namespace Hall.Store.Config;

/// <summary>
/// A service's part in applying a county configuration version (docs/sync.md, "The downlink"). Every part registered
/// (<c>AddSingleton&lt;IConfigPart, …&gt;</c>) runs inside the one command that applies the version, in one
/// transaction: all of them or none. A part writes only its own tables; what it keeps in memory it changes in
/// <see cref="Apply"/> too, and reloads from disk in <see cref="IWriteParticipant.RolledBack"/> when the group fails.
/// </summary>
public interface IConfigPart : IWriteParticipant
{
    /// <summary>What the part checks beyond the bundle's own validator, against the box's state (Chinese; empty when good). Runs before the apply, outside the transaction.</summary>
    IEnumerable<string> Check(ConfigBundle bundle);

    /// <summary>Writes the part's sections of <paramref name="bundle"/> inside the apply's transaction. Throws only when the store fails.</summary>
    void Apply(WriteContext context, ConfigBundle bundle);
}
