using Microsoft.Extensions.Options;

namespace Hall.Devices.Evaluator;

/// <summary>Checks <see cref="EvaluatorOptions"/> at start (source-generated from its attributes).</summary>
[OptionsValidator]
public sealed partial class EvaluatorOptionsValidator : IValidateOptions<EvaluatorOptions>;
