using Microsoft.Extensions.Options;

namespace Hall.Sync;

/// <summary>Rules across fields of <see cref="SyncOptions"/>.</summary>
public sealed class SyncOptionsSemanticValidator : IValidateOptions<SyncOptions>
{
    public ValidateOptionsResult Validate(string? name, SyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MinBatchEvents > options.MaxBatchEvents)
        {
            failures.Add($"Sync:MinBatchEvents ({options.MinBatchEvents}) must not be above Sync:MaxBatchEvents ({options.MaxBatchEvents}).");
        }

        if (options.MinBackoff > options.MaxBackoff)
        {
            failures.Add($"Sync:MinBackoff ({options.MinBackoff}) must not be above Sync:MaxBackoff ({options.MaxBackoff}).");
        }

        if (options.Enabled && Uri.TryCreate(options.HubUrl, UriKind.Absolute, out var uri) && uri.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add($"Sync:HubUrl ({options.HubUrl}) must be an https:// address: the uplink carries the hall's records.");
        }

        if (!string.IsNullOrWhiteSpace(options.HubSigningKey) && Hall.Contract.Identity.BoxKey.KeyIdOf(options.HubSigningKey) is null)
        {
            failures.Add("Sync:HubSigningKey must be the hub's ECDSA P-256 public key in base 64, as 'hallctl hub enroll' prints it.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
