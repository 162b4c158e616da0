using Hall.Display;
using Hall.FirmwareHost.Admin;
using Hall.FirmwareHost.Box;
using Hall.FirmwareHost.Inspection;
using Hall.FirmwareHost.Rating;
using Hall.FirmwareHost.Web;
using Microsoft.Extensions.Options;

// The box: settings → store → registry and broker → services → pages. Each line is one part.
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Services.AddSystemd();
    var box = builder.AddBox();
    builder.AddBroker(box);
    builder.AddHallServices();
    builder.AddAdmin();

    var app = builder.Build();

    // Every section is checked before anything starts (a hosted service would read its own section first), so one
    // run of the box names every bad key.
    app.Services.GetRequiredService<IStartupValidator>().Validate();
    app.MapBoxEndpoints();
    app.MapKioskEndpoints();
    app.MapTicketPage();
    app.MapRating();
    app.MapDisplay();
    app.MapAdmin();
    app.MapInspection();
    await app.RunAsync();

    // A writer loop that died stopped the host: exit with an error so that systemd starts the box again.
    return app.Services.GetRequiredService<Hall.Store.Writer.CommandWriter>().Fault is null ? 0 : 70;
}
catch (OptionsValidationException ex)
{
    // A bad setting stops the box with a message that names the key.
    return await RefuseAsync(ex.Failures);
}
catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
{
    // Bad settings in several sections: all of them, each with its key.
    return await RefuseAsync(ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures));
}
catch (InvalidOperationException ex) when (ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
{
    // A value of the wrong type ("abc" for a port, "soon" for a duration): the binder names the key.
    return await RefuseAsync([ex.Message]);
}

static async Task<int> RefuseAsync(IEnumerable<string> failures)
{
    await Console.Error.WriteLineAsync("The box did not start: a setting is wrong.");
    foreach (var failure in failures)
    {
        await Console.Error.WriteLineAsync("  " + failure);
    }

    return 2;
}
