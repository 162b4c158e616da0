using Hall.Devices.CallerKeypad;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddSystemd();
builder.AddCallerKeypad();
await builder.Build().RunAsync();
