using Hall.Store;
using Hall.Store.Writer;

namespace Hall.Display.Tests;

/// <summary>A scratch folder removed after the test, with the store in it and that store's one running writer.</summary>
public sealed class TempDirectory : IDisposable
{
    private RunningWriter? _writer;

    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hall-display-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The writer of this folder's store, started at first use; a "restarted" display shares it, as a box's store outlives a service.</summary>
    public CommandWriter Writer(HallDatabase database) =>
        (_writer ??= RunningWriter.StartAsync(database, TimeProvider.System).GetAwaiter().GetResult()).Writer;

    public void Dispose()
    {
        _writer?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        // Pooled SQLite connections keep the store's files open.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
