using Hall.Devices.Evaluator;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddSystemd();
builder.AddEvaluator();
await builder.Build().RunAsync();
