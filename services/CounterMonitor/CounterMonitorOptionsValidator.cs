using Microsoft.Extensions.Options;

namespace Hall.CounterMonitor;

/// <summary>
/// Checks each CounterMonitor setting at start (and on reload), cameras included, generated from the annotations on
/// <see cref="CounterMonitorOptions"/>.
/// </summary>
[OptionsValidator]
public sealed partial class CounterMonitorOptionsValidator : IValidateOptions<CounterMonitorOptions>
{
}
