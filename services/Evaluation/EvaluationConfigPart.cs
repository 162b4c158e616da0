using Hall.Contract.Downlink;
using Hall.Store.Config;
using Hall.Store.Writer;

namespace Hall.Evaluation;

/// <summary>Evaluation's part of a county configuration version: the holiday calendar and the service items.</summary>
public sealed class EvaluationConfigPart(EvaluationService evaluation) : IConfigPart
{
    public IEnumerable<string> Check(ConfigBundle bundle) => [];

    public void Apply(WriteContext context, ConfigBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(bundle);
        evaluation.ApplyCatalogue(context, bundle);
    }

    public void RolledBack(Exception exception) => evaluation.Reload();
}
