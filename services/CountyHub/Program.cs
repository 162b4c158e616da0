using Hall.CountyHub;
using Hall.CountyHub.Storage;
using Hall.CountyHub.Tls;
using Hall.CountyHub.Web;
using Microsoft.Extensions.Options;

// The county hub: settings → database → ingest → HTTPS. Boxes post their outbox here (docs/sync.md).
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Services.AddSystemd();
    builder.AddHub();

    var app = builder.Build();

    // Every setting is checked before anything starts, so one run names every bad key.
    app.Services.GetRequiredService<IStartupValidator>().Validate();
    app.MapHub();
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
}
catch (OptionsValidationException ex)
{
    // A bad setting stops the hub with a message that names the key.
    return await RefuseAsync(ex.Failures);
}
catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
{
    return await RefuseAsync(ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures));
}
catch (InvalidOperationException ex) when (ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
{
    // A value of the wrong type ("abc" for a port, "oracle" for Hub:Database): the binder names the key.
    return await RefuseAsync([ex.Message]);
}

static async Task<int> RefuseAsync(IEnumerable<string> failures)
{
    await Console.Error.WriteLineAsync("The county hub did not start: a setting is wrong.");
    foreach (var failure in failures)
    {
        await Console.Error.WriteLineAsync("  " + failure);
    }

    return 2;
}
