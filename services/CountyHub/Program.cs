using Hall.CountyHub;
using Hall.CountyHub.Evidence;
using Hall.CountyHub.Storage;
using Hall.CountyHub.Tls;
using Hall.CountyHub.Web;
using Hall.Contract.Settings;
using Microsoft.Extensions.Options;

// The county hub: settings → database → ingest → HTTPS. Boxes post their outbox here (docs/sync.md).
// A bad setting stops the hub with a message that names the key (exit code 2).
return await SettingsRefusal.RunAsync("county hub", async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Services.AddSystemd();
    builder.AddHub();
    builder.AddEvidence();

    var app = builder.Build();

    // Every setting is checked before anything starts, so one run names every bad key.
    app.Services.GetRequiredService<IStartupValidator>().Validate();
    app.MapHub();
    app.MapEvidence();
    await app.StartAsync();
    var options = app.Services.GetRequiredService<IOptions<HubOptions>>().Value;
    var database = app.Services.GetRequiredService<HubDatabase>();
    var fingerprint = HubCertificate.Fingerprint(app.Services.GetRequiredService<System.Security.Cryptography.X509Certificates.X509Certificate2>());
    var engine = database.Dialect.Name;
    var where = database.Where;
    var logger = app.Services.GetRequiredService<ILogger<HubOptions>>();
    Log.Ready(logger, engine, where, options.BindAddress, options.HttpsPort, fingerprint);
    await app.WaitForShutdownAsync();
    return 0;
});
