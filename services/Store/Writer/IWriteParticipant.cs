namespace Hall.Store.Writer;

/// <summary>
/// A service that keeps state in memory next to its tables (the queue's engine). When a group that held one of its
/// commands rolls back, memory must not run ahead of disk: the writer tells it once, and it reloads.
/// </summary>
public interface IWriteParticipant
{
    void RolledBack(Exception exception);
}
