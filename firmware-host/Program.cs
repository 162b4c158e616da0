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
    await Console.Error.WriteLineAsync("The box did not start: a setting is wrong.");
    foreach (var failure in ex.Failures)
    {
        await Console.Error.WriteLineAsync("  " + failure);
    }

    return 2;
}
