using Hall.Contract.Downlink;
using Hall.Store;
using Hall.Store.Config;
using Hall.Store.Writer;
using Microsoft.Extensions.Configuration;

namespace Hall.Sync.Downlink;

/// <summary>
/// The settings section of a configuration version: the county's values, except a key the county lets the hall keep
/// (<see cref="ConfigSettings.LocalAllowed"/>) that the hall set in its own settings: that one stays local.
/// </summary>
public sealed class CountySettingsPart : IConfigPart
{
    private readonly CountySettings _settings;
    private readonly IConfiguration _configuration;
    private readonly HallDatabase _database;

    public CountySettingsPart(CountySettings settings, IConfiguration configuration, HallDatabase database)
    {
        _settings = settings;
        _configuration = configuration;
        _database = database;
    }

    /// <summary>Loads what the last applied version set (at start, after the migrations).</summary>
    public void Load()
    {
        using var connection = _database.Open();
        _settings.Replace(DownlinkStore.CountySettings(connection));
    }

    public IEnumerable<string> Check(ConfigBundle bundle) => [];

    public void Apply(WriteContext context, ConfigBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(bundle);
        var values = Effective(bundle.Settings, key => _configuration[key] is not null);
        DownlinkStore.ReplaceCountySettings(context.Transaction, values);
        _settings.Replace(values);
    }

    public void RolledBack(Exception exception) => Load();

    /// <summary>The county's values the box runs: a key the hall may keep and has set locally is left to the hall.</summary>
    public static IReadOnlyDictionary<string, string> Effective(ConfigSettings settings, Func<string, bool> setLocally)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(setLocally);
        var local = settings.LocalAllowed.Where(setLocally).ToHashSet(StringComparer.Ordinal);
        return settings.Values.Where(p => !local.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }
}
