using Hall.Contract;
using Hall.Contract.Identity;
using Hall.CountyHub.Downlink;
using Hall.CountyHub.Storage;
using Hall.CountyHub.Tls;

namespace Hall.Provisioning;

/// <summary>
/// <c>hallctl hub …</c> (at the county hub: enroll, revoke, list boxes) and <c>hallctl box key</c> (on the box: print
/// the public key the technician carries to the hub). Same store and certificate code as the hub itself.
/// </summary>
public sealed class HubCommands
{
    public const string DefaultHubDataDirectory = "/var/lib/hall-hub";

    private readonly TextWriter _out;
    private readonly TimeProvider _time;

    public HubCommands(TextWriter output, TimeProvider time)
    {
        _out = output;
        _time = time;
    }

    public int Enroll(CommandLine line, Func<string, string, int> fail)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(fail);
        var boxId = line.Get("box");
        var publicKey = line.Get("public-key");
        if (string.IsNullOrEmpty(boxId) || string.IsNullOrEmpty(publicKey))
        {
            return fail(ErrorCodes.MissingField, "hub enroll needs --box and --public-key (print it on the box with 'hallctl box key').");
        }

        var hubUrl = line.Get("hub-url") ?? $"https://{Environment.MachineName}:8443";
        if (!Uri.TryCreate(hubUrl, UriKind.Absolute, out var hub) || hub.Scheme != Uri.UriSchemeHttps)
        {
            return fail(ErrorCodes.InvalidField, $"--hub-url '{hubUrl}' must be an https:// address.");
        }

        using var database = Open(line);
        var box = new BoxDirectory(database, _time).EnrollAsync(boxId, publicKey, line.Has("replace")).GetAwaiter().GetResult();

        // The certificate the hub serves; made here (as the hub would at its first start) when the hub has not run yet.
        using var certificate = HubCertificate.LoadOrCreate(DataDirectory(line), [hub.Host], _time);

        // And the key the hub signs configuration versions with (made here too if the hub has not run yet).
        using var signing = HubSigningKey.LoadOrCreate(DataDirectory(line));
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Sync:HubUrl"] = hubUrl,
            ["Sync:HubCertificateSha256"] = HubCertificate.Fingerprint(certificate),
            ["Sync:HubSigningKey"] = signing.PublicKey,
        };
        _out.WriteLine(HallJson.SerializeToString(new { boxId = box.BoxId, keyId = box.KeyId, settings }));
        return 0;
    }

    public int Revoke(CommandLine line, Func<string, string, int> fail)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(fail);
        var boxId = line.Get("box");
        if (string.IsNullOrEmpty(boxId))
        {
            return fail(ErrorCodes.MissingField, "hub revoke needs --box.");
        }

        using var database = Open(line);
        if (!new BoxDirectory(database, _time).RevokeAsync(boxId).GetAwaiter().GetResult())
        {
            return fail(ErrorCodes.InvalidField, $"No box '{boxId}' is enrolled at this hub.");
        }

        _out.WriteLine(HallJson.SerializeToString(new { boxId, revoked = true }));
        return 0;
    }

    public int Boxes(CommandLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        using var database = Open(line);
        _out.WriteLine(HallJson.SerializeToString(new BoxDirectory(database, _time).ListAsync().GetAwaiter().GetResult()));
        return 0;
    }

    /// <summary>The box's own key (made on first use, as the box does), to enroll at the hub.</summary>
    public int BoxKeyOf(CommandLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        using var key = BoxKey.LoadOrCreate(Path.Combine(line.Get("data-dir") ?? "/var/lib/hall", BoxKey.FileName));
        _out.WriteLine(HallJson.SerializeToString(new { publicKey = key.PublicKey, keyId = key.KeyId }));
        return 0;
    }

    private static string DataDirectory(CommandLine line) => line.Get("data-dir") ?? DefaultHubDataDirectory;

    private HubDatabase Open(CommandLine line)
    {
        var postgres = line.Get("postgres");
        var database = string.IsNullOrEmpty(postgres)
            ? HubDatabase.Sqlite(Path.Combine(DataDirectory(line), "hub.db"))
            : HubDatabase.Postgres(postgres);

        // The CLI may run before the hub ever has: bring the schema up to date (migrations are idempotent).
        HubMigrator.ApplyAsync(database, _time.GetUtcNow()).GetAwaiter().GetResult();
        return database;
    }
}
