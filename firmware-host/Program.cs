using Hall.FirmwareHost.Access;
using Hall.FirmwareHost.Admin;
using Hall.FirmwareHost.Box;
using Hall.Contract.Settings;
using Microsoft.Extensions.Options;

// The box: settings → store → registry and broker → services → pages. Each line is one part.
// A bad setting stops the box with a message that names the key (exit code 2).
return await SettingsRefusal.RunAsync("box", async () =>
{
    // The shipped appsettings.json sits beside the box's own files: read it wherever the box is started from (the
    // repository root, systemd's working directory), not only when the current directory happens to hold it.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.Services.AddSystemd();
    var box = builder.AddBox();
    builder.AddBroker(box);
    builder.AddHallServices();
    builder.AddAdmin();

    var app = builder.Build();

    // Every section is checked before anything starts (a hosted service would read its own section first), so one
    // run of the box names every bad key.
    app.Services.GetRequiredService<IStartupValidator>().Validate();
    PortCheck.ThrowIfBusy(app.Services.GetRequiredService<IOptions<BoxOptions>>().Value);
    app.MapBoxRoutes();
    await app.RunAsync();

    // A writer loop that died stopped the host: exit with an error so that systemd starts the box again.
    return app.Services.GetRequiredService<Hall.Store.Writer.CommandWriter>().Fault is null ? 0 : 70;
});
