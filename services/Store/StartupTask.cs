using Microsoft.Extensions.Hosting;

namespace Hall.Store;

/// <summary>
/// One step of the box's start, run once in registration order after the migrations (a service loading its tables,
/// seeding its catalogue). Registered with <c>AddSingleton&lt;IHostedService&gt;</c> so that several can be added.
/// </summary>
public sealed class StartupTask(Func<CancellationToken, Task> start) : IHostedService
{
    public StartupTask(Action start)
        : this(_ =>
        {
            start();
            return Task.CompletedTask;
        })
    {
    }

    public Task StartAsync(CancellationToken cancellationToken) => start(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
