using System.Text.Json;
using Hall.Contract;
using Hall.Contract.Downlink;
using Hall.Store;
using Hall.Store.Config;
using Hall.Store.Writer;
using Microsoft.Extensions.Logging;

namespace Hall.Sync.Downlink;

/// <summary>
/// Takes a configuration version offered by the hub: checks the hub's signature over the exact bundle received, reads
/// it, checks every section (the contract's validator, then each service's part against the box), and applies it
/// through the one command writer, all or nothing. A refusal keeps the old version and tells the hub why
/// (<c>config.refused</c> in the outbox); the same refusal is told once.
/// </summary>
public sealed partial class ConfigApplier
{
    private readonly CommandWriter _writer;
    private readonly IReadOnlyList<IConfigPart> _parts;
    private readonly string _boxId;
    private readonly string? _hubKey;
    private readonly ILogger<ConfigApplier> _logger;

    public ConfigApplier(CommandWriter writer, IEnumerable<IConfigPart> parts, string boxId, string? hubKey, ILogger<ConfigApplier> logger)
    {
        _writer = writer;
        _parts = [.. parts];
        _boxId = boxId;
        _hubKey = string.IsNullOrWhiteSpace(hubKey) ? null : hubKey.Trim();
        _logger = logger;
    }

    /// <summary>What became of an offer: applied (the new running version), or refused with a code and a Chinese message.</summary>
    public sealed record Outcome(long? Applied, string? Code, string? Message, bool Retry);

    /// <summary>Checks an offer without touching the store: the bundle when it may be applied, else why not.</summary>
    public (ConfigBundle? Bundle, string? Code, string? Message) Check(ConfigOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        if (_hubKey is null)
        {
            return (null, DownlinkErrorCodes.BadSignature, "本机未设置县级中心的签名公钥(Sync:HubSigningKey),无法确认配置来自县级中心;请用 hallctl hub enroll 打印的值设置");
        }

        if (!ConfigSignature.Verify(offer, _boxId, _hubKey))
        {
            return (null, DownlinkErrorCodes.BadSignature, "配置的签名与县级中心的签名公钥不符(可能被篡改,或 Sync:HubSigningKey 设置有误),未采用");
        }

        ConfigBundle? bundle;
        try
        {
            bundle = HallJson.Deserialize<ConfigBundle>(offer.Bundle);
        }
        catch (JsonException ex)
        {
            return (null, DownlinkErrorCodes.BadBundle, "配置内容无法读取:" + ex.Message);
        }

        if (bundle is null || bundle.BoxId != _boxId || bundle.Version != offer.Version)
        {
            return (null, DownlinkErrorCodes.BadBundle, "配置内容与本厅或版本号不符,未采用");
        }

        var problems = ConfigBundleValidator.Validate(bundle).Concat(_parts.SelectMany(p => p.Check(bundle))).ToList();
        if (problems.Count > 0)
        {
            return (null, DownlinkErrorCodes.Invalid, "配置有误,未采用:" + string.Join(";", problems.Take(5)) + (problems.Count > 5 ? $"(共 {problems.Count} 处)" : string.Empty));
        }

        return (bundle, null, null);
    }

    public async Task<Outcome> ApplyAsync(ConfigOffer offer, long running, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var (bundle, code, message) = Check(offer);
        if (bundle is null)
        {
            await RefuseAsync(offer.Version, running, code!, message!, cancellationToken);
            return new Outcome(null, code, message, Retry: false);
        }

        try
        {
            await _writer.SubmitAsync(new ApplyConfigCommand(_parts, bundle, offer.Bundle), cancellationToken);
            LogApplied(offer.Version, running);
            return new Outcome(offer.Version, null, null, Retry: false);
        }
        catch (StoreUnavailableException ex)
        {
            // Nothing of the version was kept (the group rolled back, each part reloaded); the next poll tries again.
            LogApplyFailed(offer.Version, ex);
            var failed = "本机保存配置失败,仍使用原版本;将在下次同步时重试";
            await RefuseAsync(offer.Version, running, DownlinkErrorCodes.ApplyFailed, failed, cancellationToken);
            return new Outcome(null, DownlinkErrorCodes.ApplyFailed, failed, Retry: true);
        }
    }

    private async Task RefuseAsync(long version, long running, string code, string message, CancellationToken cancellationToken)
    {
        LogRefused(version, code, message);
        try
        {
            await _writer.SubmitAsync(
                new DelegateCommand("config-refuse", context =>
                {
                    if (DownlinkStore.SaveRefusal(context.Transaction, version, code, message, context.Now))
                    {
                        context.Record(ConfigEvents.Refused, new ConfigRefused(version, code, message, running, context.Now), context.Now);
                    }

                    return null;
                }),
                cancellationToken);
        }
        catch (StoreUnavailableException ex)
        {
            // Told at the next offer of the same version.
            LogApplyFailed(version, ex);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Configuration version {Version} applied (was {Running})")]
    private partial void LogApplied(long version, long running);

    [LoggerMessage(2, LogLevel.Warning, "Configuration version {Version} refused ({Code}): {Message}; the old version stays")]
    private partial void LogRefused(long version, string code, string message);

    [LoggerMessage(3, LogLevel.Warning, "Configuration version {Version} not stored; the old version stays")]
    private partial void LogApplyFailed(long version, Exception exception);
}
