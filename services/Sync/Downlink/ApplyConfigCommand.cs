using Hall.Contract.Downlink;
using Hall.Store.Config;
using Hall.Store.Writer;

namespace Hall.Sync.Downlink;

/// <summary>
/// Applies one checked configuration version: every service's part, the running version and the <c>config.applied</c>
/// outbox event, in the writer's one transaction. If anything throws the whole group rolls back and every part
/// reloads its memory from disk (<see cref="Participant"/>): the old version stays, whole.
/// </summary>
internal sealed class ApplyConfigCommand : WriteCommand
{
    private readonly IReadOnlyList<IConfigPart> _parts;
    private readonly ConfigBundle _bundle;
    private readonly string _bundleJson;
    private readonly PartsParticipant _participant;

    public ApplyConfigCommand(IReadOnlyList<IConfigPart> parts, ConfigBundle bundle, string bundleJson)
        : base("config-apply")
    {
        _parts = parts;
        _bundle = bundle;
        _bundleJson = bundleJson;
        _participant = new PartsParticipant(parts);
    }

    public override IWriteParticipant? Participant => _participant;

    public override object? Apply(WriteContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var part in _parts)
        {
            part.Apply(context, _bundle);
        }

        DownlinkStore.SaveRunning(context.Transaction, _bundle, _bundleJson, context.Now);
        context.Record(ConfigEvents.Applied, new ConfigApplied(_bundle.Version, context.Now, _bundle.Note), context.Now);
        return _bundle.Version;
    }

    /// <summary>Tells every part once when the apply's group rolled back.</summary>
    private sealed class PartsParticipant(IReadOnlyList<IConfigPart> parts) : IWriteParticipant
    {
        public void RolledBack(Exception exception)
        {
            foreach (var part in parts)
            {
                part.RolledBack(exception);
            }
        }
    }
}
