using Hall.Contract;
using Hall.Contract.Downlink;
using Hall.Store;

namespace Hall.DeviceRegistry;

/// <summary>The hall's village points, as the technician sees them before the county sends its list (hallctl village …).</summary>
public sealed partial class DeviceRegistryService
{
    private const int MaxVillageNameLength = 40;

    public IReadOnlyList<ConfigVillagePoint> Villages()
    {
        using var connection = _database.Open();
        return VillagePointStore.List(connection);
    }

    /// <summary>Adds or renames a village point on this box (source 'local'; the county's next list replaces it).</summary>
    public ConfigVillagePoint SaveVillage(string? id, string? name, IReadOnlyList<string>? items)
    {
        var village = CheckVillage(id, name, items);
        var now = _time.GetUtcNow();
        using var connection = _database.Open();
        using var write = _database.BeginWrite(connection);
        VillagePointStore.Save(connection, write.Transaction, village, "local", now);
        write.Transaction.Commit();
        return village;
    }

    /// <summary>Removes a village point; its enrolled devices keep their id (their figures stay the village's).</summary>
    public bool RemoveVillage(string id)
    {
        using var connection = _database.Open();
        using var write = _database.BeginWrite(connection);
        var removed = VillagePointStore.Remove(connection, write.Transaction, id);
        write.Transaction.Commit();
        return removed;
    }

    /// <summary>A village point as given, checked: the same id rule as a device's, a name, item codes without blanks.</summary>
    public static ConfigVillagePoint CheckVillage(string? id, string? name, IReadOnlyList<string>? items)
    {
        if (string.IsNullOrEmpty(id) || !DeviceIdPattern().IsMatch(id))
        {
            throw new EnrollmentException(ErrorCodes.InvalidField, $"代办点编号「{id}」不合规:请用 2–63 位小写字母、数字或 '-',以字母或数字开头(如 v-dongzhuang 或 341021100201)");
        }

        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxVillageNameLength)
        {
            throw new EnrollmentException(ErrorCodes.MissingField, $"代办点 {id} 需要名称(1–{MaxVillageNameLength} 字,如 东庄村便民服务代办点)");
        }

        var codes = (items ?? []).Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return new ConfigVillagePoint(id, trimmed, codes);
    }
}
