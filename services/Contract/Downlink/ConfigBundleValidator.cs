using System.Globalization;
using System.Text.RegularExpressions;

namespace Hall.Contract.Downlink;

/// <summary>
/// Checks every section of a configuration bundle: what the hub checks before it publishes a version and what the box
/// checks again before it applies one. Returns every problem found, each in Chinese naming the section and the entry;
/// an empty list means the bundle is good.
/// </summary>
public static partial class ConfigBundleValidator
{
    public const int MaxStatutoryDays = 365;

    public static IReadOnlyList<string> Validate(ConfigBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var problems = new List<string>();
        if (bundle.V != ConfigBundle.FormatVersion)
        {
            problems.Add(F($"配置格式版本 {bundle.V} 不受支持(应为 {ConfigBundle.FormatVersion})"));
        }

        if (bundle.Version < 1)
        {
            problems.Add("配置版本号须大于 0");
        }

        var categories = Categories(bundle.Catalogue?.Categories, problems);
        var items = Items(bundle.Catalogue?.Items, categories, problems);
        Rules(bundle.Catalogue?.InspectionRules, problems);
        Calendar(bundle.Calendar?.Days, problems);
        Settings(bundle.Settings, problems);
        Ids(bundle.RevokedDevices, "吊销设备", problems);
        Villages(bundle.VillagePoints, items, problems);
        return problems;
    }

    private static HashSet<string> Categories(IReadOnlyList<ConfigCategory>? categories, List<string> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (categories is null || categories.Count == 0)
        {
            problems.Add("业务类别:至少需要一个类别");
            return seen;
        }

        foreach (var category in categories)
        {
            if (category?.Prefix is not { } prefix || !PrefixPattern().IsMatch(prefix))
            {
                problems.Add(F($"业务类别「{category?.Name}」:字母须为一个大写英文字母 A–Z,收到「{category?.Prefix}」"));
                continue;
            }

            if (!seen.Add(prefix))
            {
                problems.Add(F($"业务类别 {prefix}:重复"));
            }

            if (string.IsNullOrWhiteSpace(category.Name) || category.Name.Length > 40)
            {
                problems.Add(F($"业务类别 {prefix}:名称须为 1–40 个字"));
            }
        }

        return seen;
    }

    private static HashSet<string> Items(IReadOnlyList<ConfigServiceItem>? items, HashSet<string> categories, List<string> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items ?? [])
        {
            if (item is null || string.IsNullOrWhiteSpace(item.Code) || item.Code.Length > 32)
            {
                problems.Add("事项:编码须为 1–32 个字符");
                continue;
            }

            var at = "事项 " + item.Code;
            if (!seen.Add(item.Code))
            {
                problems.Add(at + ":编码重复");
            }

            if (string.IsNullOrWhiteSpace(item.Name))
            {
                problems.Add(at + ":缺少名称");
            }

            if (string.IsNullOrWhiteSpace(item.Department))
            {
                problems.Add(at + ":缺少实施部门");
            }

            if (item.Category is null || !categories.Contains(item.Category))
            {
                problems.Add(F($"{at}:所属类别「{item.Category}」不在业务类别中"));
            }

            if (item.StatutoryDays is < 1 or > MaxStatutoryDays)
            {
                problems.Add(F($"{at}:法定时限须为 1–{MaxStatutoryDays} 个工作日"));
            }

            if (item.CommittedDays < 1 || item.CommittedDays > item.StatutoryDays)
            {
                problems.Add(F($"{at}:承诺时限须为 1 个工作日到法定时限({item.StatutoryDays})之间"));
            }

            if (item.DecidedAt is not (ConfigDecidedAt.Township or ConfigDecidedAt.County))
            {
                problems.Add(F($"{at}:办理层级须为 township(乡镇办结)或 county(乡呼县应),收到「{item.DecidedAt}」"));
            }

            var delivery = item.Delivery ?? [];
            if (delivery.Count == 0 || delivery.Any(d => d is not (ConfigDelivery.Window or ConfigDelivery.Post)) || delivery.Distinct().Count() != delivery.Count)
            {
                problems.Add(at + ":送达方式须为 window(窗口领取)、post(邮寄)之一或两者");
            }

            foreach (var material in item.Materials ?? [])
            {
                if (material is null || string.IsNullOrWhiteSpace(material.Name))
                {
                    problems.Add(at + ":材料缺少名称");
                }
                else if (material.ShortfallAllowed && (material.SupplementDays is not { } days || days < 1 || days > item.CommittedDays))
                {
                    problems.Add(F($"{at}:容缺材料「{material.Name}」的补交期限须为 1 个工作日到承诺时限之间"));
                }
                else if (!material.ShortfallAllowed && material.SupplementDays is not null)
                {
                    problems.Add(F($"{at}:材料「{material.Name}」不允许容缺,不应设补交期限"));
                }
            }
        }

        return seen;
    }

    private static void Rules(IReadOnlyList<ConfigInspectionRule>? rules, List<string> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules ?? [])
        {
            if (rule is null || string.IsNullOrWhiteSpace(rule.ItemCode))
            {
                problems.Add("踏勘规则:缺少事项编码");
                continue;
            }

            var at = "踏勘规则 " + rule.ItemCode;
            if (!seen.Add(rule.ItemCode))
            {
                problems.Add(at + ":重复");
            }

            if (string.IsNullOrWhiteSpace(rule.ItemName) || string.IsNullOrWhiteSpace(rule.Department) || string.IsNullOrWhiteSpace(rule.LegalBasis))
            {
                problems.Add(at + ":事项名称、实施部门和法律依据都须填写");
            }

            if (rule.StatutoryDays is < 1 or > MaxStatutoryDays)
            {
                problems.Add(F($"{at}:法定时限须为 1–{MaxStatutoryDays} 个工作日"));
            }

            if (rule.MinimumSeconds is < 1 or > 3600)
            {
                problems.Add(at + ":视频最短时长须为 1–3600 秒");
            }

            var checkpoints = rule.Checkpoints ?? [];
            if (checkpoints.Count == 0)
            {
                problems.Add(at + ":至少需要一个踏勘要点");
            }

            var codes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var point in checkpoints)
            {
                if (point is null || string.IsNullOrWhiteSpace(point.Code) || string.IsNullOrWhiteSpace(point.Name) || string.IsNullOrWhiteSpace(point.MustShow))
                {
                    problems.Add(at + ":踏勘要点的编码、名称和应拍内容都须填写");
                }
                else if (!codes.Add(point.Code))
                {
                    problems.Add(F($"{at}:踏勘要点 {point.Code} 重复"));
                }
            }
        }
    }

    private static void Calendar(IReadOnlyList<ConfigCalendarDay>? days, List<string> problems)
    {
        var seen = new HashSet<DateOnly>();
        foreach (var day in days ?? [])
        {
            if (day is null)
            {
                continue;
            }

            var at = F($"节假日 {day.Date:yyyy-MM-dd}");
            if (!seen.Add(day.Date))
            {
                problems.Add(at + ":日期重复");
            }

            if (day.Kind is not (ConfigCalendarDay.Holiday or ConfigCalendarDay.Workday))
            {
                problems.Add(F($"{at}:类型须为 holiday(放假)或 workday(调休上班),收到「{day.Kind}」"));
            }
            else if (day.Kind == ConfigCalendarDay.Workday && day.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                problems.Add(at + ":调休上班日须为周六或周日(周一至周五本来就上班)");
            }

            if (string.IsNullOrWhiteSpace(day.Name))
            {
                problems.Add(at + ":缺少节日名称");
            }
        }
    }

    private static void Settings(ConfigSettings? settings, List<string> problems)
    {
        if (settings is null)
        {
            return;
        }

        foreach (var (key, value) in settings.Values ?? new Dictionary<string, string>())
        {
            if (!CountySettingKeys.All.TryGetValue(key, out var known))
            {
                problems.Add(F($"设置 {key}:县级不能下发此项设置"));
            }
            else if (known.Check(value ?? string.Empty) is { } wrong)
            {
                problems.Add(F($"设置「{known.Name}」:{wrong},收到「{value}」"));
            }
        }

        var values = settings.Values ?? new Dictionary<string, string>();
        if (values.TryGetValue(CountySettingKeys.CallbackWorkingDays, out var callbackText) && values.TryGetValue(CountySettingKeys.RectifyWorkingDays, out var rectifyText)
            && int.TryParse(callbackText, CultureInfo.InvariantCulture, out var callback) && int.TryParse(rectifyText, CultureInfo.InvariantCulture, out var rectify) && rectify < callback)
        {
            problems.Add("设置:差评整改时限不能短于回访时限(先回访,后整改)");
        }

        foreach (var key in settings.LocalAllowed ?? [])
        {
            if (!CountySettingKeys.All.ContainsKey(key))
            {
                problems.Add(F($"允许本地保留的设置 {key}:不是可下发的设置"));
            }
        }
    }

    private static void Ids(IReadOnlyList<string>? ids, string what, List<string> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids ?? [])
        {
            if (string.IsNullOrWhiteSpace(id) || id.Length > 64)
            {
                problems.Add(what + ":编号须为 1–64 个字符");
            }
            else if (!seen.Add(id))
            {
                problems.Add(F($"{what} {id}:重复"));
            }
        }
    }

    private static void Villages(IReadOnlyList<ConfigVillagePoint>? points, HashSet<string> items, List<string> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var point in points ?? [])
        {
            if (point is null || string.IsNullOrWhiteSpace(point.Id) || string.IsNullOrWhiteSpace(point.Name))
            {
                problems.Add("村级代办点:编号和名称都须填写");
                continue;
            }

            if (!seen.Add(point.Id))
            {
                problems.Add(F($"村级代办点 {point.Id}:重复"));
            }

            foreach (var code in point.Items ?? [])
            {
                if (!items.Contains(code))
                {
                    problems.Add(F($"村级代办点 {point.Id}:事项 {code} 不在事项目录中"));
                }
            }
        }
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Z]$")]
    private static partial Regex PrefixPattern();
}
