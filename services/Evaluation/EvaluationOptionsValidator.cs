using Microsoft.Extensions.Options;

namespace Hall.Evaluation;

/// <summary>Checks each Evaluation setting at start, generated from the annotations on <see cref="EvaluationOptions"/>.</summary>
[OptionsValidator]
public sealed partial class EvaluationOptionsValidator : IValidateOptions<EvaluationOptions>
{
}
