using Hall.Devices.TicketKiosk;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddSystemd();
builder.AddTicketKiosk();
await builder.Build().RunAsync();
