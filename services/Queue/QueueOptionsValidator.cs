using Microsoft.Extensions.Options;

namespace Hall.Queue;

/// <summary>Checks each Queue setting at start, generated from the annotations on <see cref="QueueOptions"/>.</summary>
[OptionsValidator]
public sealed partial class QueueOptionsValidator : IValidateOptions<QueueOptions>
{
}
