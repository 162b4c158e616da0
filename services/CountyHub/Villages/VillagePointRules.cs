using System.Text.RegularExpressions;
using Hall.Contract;

namespace Hall.CountyHub.Villages;

/// <summary>
/// Where a village point the county admin enters is refused: the same id rule as the box's (so the box takes every point the
/// county sends), a name a person reads, item codes without blanks or repeats. Plain C#, no I/O.
/// </summary>
public static partial class VillagePointRules
{
    public const int MaxNameLength = 40;

    public const int MaxItems = 200;

    public const int MaxItemLength = 64;

    /// <summary>The point as it will be stored (trimmed, items without repeats), or null and the reason.</summary>
    public static (string Name, IReadOnlyList<string> Items)? Check(string? villageId, VillagePointInput? input, out ErrorBody? error)
    {
        error = null;
        if (string.IsNullOrEmpty(villageId) || !IdPattern().IsMatch(villageId))
        {
            error = new ErrorBody(ErrorCodes.InvalidField, $"代办点编号「{villageId}」不合规:请用 2–63 位小写字母、数字或 -,以字母或数字开头(如 v-dongzhuang 或 341021100201)");
            return null;
        }

        var name = input?.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            error = new ErrorBody(ErrorCodes.MissingField, "请填写代办点名称(如 东庄村便民服务代办点)");
            return null;
        }

        if (name.Length > MaxNameLength)
        {
            error = new ErrorBody(ErrorCodes.InvalidField, $"代办点名称最多 {MaxNameLength} 个字,现有 {name.Length} 个");
            return null;
        }

        var items = new List<string>();
        foreach (var raw in input!.Items ?? [])
        {
            var code = raw?.Trim() ?? string.Empty;
            if (code.Length == 0)
            {
                continue;
            }

            if (code.Length > MaxItemLength || code.Any(char.IsWhiteSpace))
            {
                error = new ErrorBody(ErrorCodes.InvalidField, $"事项编码「{code}」不合规:编码中不能有空格,最长 {MaxItemLength} 个字符(如 A-SB-001)");
                return null;
            }

            if (!items.Contains(code, StringComparer.Ordinal))
            {
                items.Add(code);
            }
        }

        if (items.Count > MaxItems)
        {
            error = new ErrorBody(ErrorCodes.InvalidField, $"一个代办点最多登记 {MaxItems} 个事项,现有 {items.Count} 个");
            return null;
        }

        return (name, items);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}$")]
    private static partial Regex IdPattern();
}
