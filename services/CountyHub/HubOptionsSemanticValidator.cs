using System.Net;
using Hall.CountyHub.Storage;
using Microsoft.Extensions.Options;

namespace Hall.CountyHub;

/// <summary>What annotations cannot say: a connection string for postgres, a real address and zone, a certificate with its key.</summary>
public sealed class HubOptionsSemanticValidator : IValidateOptions<HubOptions>
{
    public ValidateOptionsResult Validate(string? name, HubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Database == DatabaseEngine.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add("Hub:ConnectionString must be set when Hub:Database is postgres.");
        }

        if (!IPAddress.TryParse(options.BindAddress, out _))
        {
            errors.Add($"Hub:BindAddress '{options.BindAddress}' is not an IP address (0.0.0.0 listens on every interface).");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.DefaultTimeZone ?? string.Empty, out _))
        {
            errors.Add($"Hub:DefaultTimeZone '{options.DefaultTimeZone}' is not a known time zone (e.g. Asia/Shanghai).");
        }

        var hasCert = !string.IsNullOrWhiteSpace(options.CertificatePath);
        var hasKey = !string.IsNullOrWhiteSpace(options.CertificateKeyPath);
        if (hasCert != hasKey)
        {
            errors.Add("Hub:CertificatePath and Hub:CertificateKeyPath must be set together (or both left empty for a generated certificate).");
        }
        else if (hasCert)
        {
            if (!File.Exists(options.CertificatePath))
            {
                errors.Add($"Hub:CertificatePath '{options.CertificatePath}' does not exist.");
            }

            if (!File.Exists(options.CertificateKeyPath))
            {
                errors.Add($"Hub:CertificateKeyPath '{options.CertificateKeyPath}' does not exist.");
            }
        }

        for (var i = 0; i < options.PublicNames.Count; i++)
        {
            var value = options.PublicNames[i];
            if (string.IsNullOrWhiteSpace(value) || (!IPAddress.TryParse(value, out _) && Uri.CheckHostName(value) != UriHostNameType.Dns))
            {
                errors.Add($"Hub:PublicNames:{i} '{value}' is neither a host name nor an IP address.");
            }
        }

        if (options.MaxDecompressedBytes < options.MaxBatchBytes)
        {
            errors.Add($"Hub:MaxDecompressedBytes ({options.MaxDecompressedBytes}) must not be below Hub:MaxBatchBytes ({options.MaxBatchBytes}).");
        }

        if (!string.IsNullOrEmpty(options.BootstrapAdminPassword) && Auth.HubPasswords.Problem(options.BootstrapAdminPassword, Auth.HubAccounts.BootstrapAdminId) is not null)
        {
            errors.Add("Hub:BootstrapAdminPassword is too weak: at least 8 characters, not a common password, not one character repeated.");
        }

        if (options.SessionMax < options.SessionIdle)
        {
            errors.Add($"Hub:SessionMax ({options.SessionMax}) must not be below Hub:SessionIdle ({options.SessionIdle}).");
        }

        if (!string.IsNullOrEmpty(options.MonitorToken) && options.MonitorToken.Length < 16)
        {
            errors.Add("Hub:MonitorToken must be at least 16 characters (or empty).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
