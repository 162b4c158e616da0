using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Hall.Tests.Shared;

/// <summary>
/// A throwaway PostgreSQL 15 cluster in a temporary directory, on a free loopback port, trust auth, fsync off. initdb
/// refuses to run as root: as root the directory goes to the Debian <c>postgres</c> user and the tools run through
/// <c>runuser -u postgres --</c>. Stopped and deleted on dispose. Every wait is bounded.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(60);

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "hall-pg-" + Guid.NewGuid().ToString("N")[..12]);

    public int Port { get; private set; }

    /// <summary>Every commit on disk (fsync on), as a county runs it: for benchmarks. Tests run without.</summary>
    public bool Durable { get; init; }

    private string DataDirectory => Path.Combine(Directory, "data");

    private static bool IsRoot => Environment.UserName == "root";

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        if (IsRoot)
        {
            await RunAsync("chown", "postgres:postgres", Directory);
        }

        await RunPgAsync("initdb", "-D", DataDirectory, "-U", "postgres", "-A", "trust", "--no-locale", "-E", "UTF8", "--no-sync");
        Port = FreePort();
        var options = string.Create(CultureInfo.InvariantCulture, $"-k {Directory} -c listen_addresses=127.0.0.1 -p {Port} -c max_connections=300")
            + (Durable ? string.Empty : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        await RunPgAsync("pg_ctl", "-D", DataDirectory, "-o", options, "-l", Path.Combine(Directory, "server.log"), "-w", "-t", "30", "start");
    }

    public string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=15;Command Timeout=30");

    /// <summary>A new, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "hub_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // A name made above from a GUID.
        command.CommandText = $"CREATE DATABASE {name}";
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunPgAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "20", "stop");
        }
        finally
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static Task RunPgAsync(string tool, params string[] args) =>
        IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(BinDirectory, tool), .. args])
            : RunAsync(Path.Combine(BinDirectory, tool), args);

    private static async Task RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ToolTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {ToolTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }
}
