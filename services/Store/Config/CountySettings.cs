using System.Globalization;
using Hall.Contract.Downlink;

namespace Hall.Store.Config;

/// <summary>
/// The hall settings the county set (<see cref="CountySettingKeys"/>) as the box runs them: the values of the applied
/// configuration version, minus those the county lets the hall keep and the hall set locally. A service asks here first
/// and falls back to its own option. Loaded at start and replaced by each applied version (in the apply's transaction).
/// </summary>
public sealed class CountySettings
{
    private readonly Lock _gate = new();
    private IReadOnlyDictionary<string, string> _values = new Dictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Values
    {
        get
        {
            lock (_gate)
            {
                return _values;
            }
        }
    }

    public int? Int(string key) =>
        Values.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    public bool? Bool(string key) => Values.TryGetValue(key, out var text) && bool.TryParse(text, out var value) ? value : null;

    public void Replace(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        lock (_gate)
        {
            _values = new Dictionary<string, string>(values, StringComparer.Ordinal);
        }
    }
}
