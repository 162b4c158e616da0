using Hall.Contract.Downlink;
using Hall.SiteInspection.Rules;
using Hall.Store.Config;
using Hall.Store.Writer;

namespace Hall.SiteInspection;

/// <summary>
/// 云踏勘's part of a county configuration version: the inspection rules. They are read from the table at each use
/// (nothing in memory), so the new rules take effect with the commit; an inspection already checked keeps its verdict.
/// </summary>
public sealed class InspectionConfigPart : IConfigPart
{
    public IEnumerable<string> Check(ConfigBundle bundle) => [];

    public void Apply(WriteContext context, ConfigBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(bundle);
        InspectionStore.ReplaceRules(context.Transaction, bundle.Catalogue.InspectionRules.Select(r => ToRule(r, bundle.Version)), context.Now);
    }

    public void RolledBack(Exception exception)
    {
        // Nothing in memory.
    }

    /// <summary>The box's rule of a county rule, stamped with the configuration version it came from.</summary>
    public static InspectionRule ToRule(ConfigInspectionRule rule, long version)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new InspectionRule
        {
            ItemCode = rule.ItemCode,
            ItemName = rule.ItemName,
            Department = rule.Department,
            LegalBasis = rule.LegalBasis,
            StatutoryDays = rule.StatutoryDays,
            MinimumDuration = TimeSpan.FromSeconds(rule.MinimumSeconds),
            Checkpoints = [.. rule.Checkpoints.Select(c => new Checkpoint(c.Code, c.Name, c.MustShow, c.PersonRequired))],
            Cautions = rule.Cautions,
            Version = (int)Math.Min(version, int.MaxValue),
        };
    }
}
