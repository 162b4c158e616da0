namespace Hall.Store.Writer;

/// <summary>A command without a request id, written as a lambda: derived records, supervisors, admin edits.</summary>
public sealed class DelegateCommand(string name, Func<WriteContext, object?> apply, IWriteParticipant? participant = null) : WriteCommand(name)
{
    public override IWriteParticipant? Participant => participant;

    public override object? Apply(WriteContext context) => apply(context);
}
