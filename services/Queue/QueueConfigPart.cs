using Hall.Contract.Downlink;
using Hall.Store.Config;
using Hall.Store.Writer;

namespace Hall.Queue;

/// <summary>The queue's part of a county configuration version: its business categories (<see cref="QueueService.ApplyCategories"/>).</summary>
public sealed class QueueConfigPart(QueueService queue) : IConfigPart
{
    public IEnumerable<string> Check(ConfigBundle bundle) => [];

    public void Apply(WriteContext context, ConfigBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        queue.ApplyCategories(context, bundle.Catalogue.Categories);
    }

    public void RolledBack(Exception exception) => queue.RolledBack(exception);
}
