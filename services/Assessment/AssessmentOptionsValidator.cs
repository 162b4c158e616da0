using Microsoft.Extensions.Options;

namespace Hall.Assessment;

/// <summary>Checks the Assessment section at start, generated from the annotations on <see cref="AssessmentOptions"/>.</summary>
[OptionsValidator]
public sealed partial class AssessmentOptionsValidator : IValidateOptions<AssessmentOptions>
{
}
