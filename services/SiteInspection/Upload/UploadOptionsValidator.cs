using Microsoft.Extensions.Options;

namespace Hall.SiteInspection.Upload;

/// <summary>Checks SiteInspection:Upload at start, generated from the annotations on <see cref="UploadOptions"/>.</summary>
[OptionsValidator]
public sealed partial class UploadOptionsValidator : IValidateOptions<UploadOptions>
{
}
