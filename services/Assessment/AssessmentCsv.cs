using System.Globalization;
using System.Text;

namespace Hall.Assessment;

/// <summary>
/// The monthly CSV: UTF-8 with a byte-order mark (so Excel shows the Chinese), a Chinese header row, the month's rows
/// per counter and per staff member first (日期 = the month), then each day's. 离岗 (absences) are the last two columns.
/// </summary>
public static class AssessmentCsv
{
    public static readonly IReadOnlyList<string> Header =
    [
        "日期", "类型", "编号", "名称", "办件量", "平均等候(分钟)", "平均办理(分钟)", "过号", "转出",
        "非常满意", "满意", "基本满意", "不满意", "非常不满意", "评价数", "未评价", "满意率(%)", "差评", "未办结差评", "超期差评",
        "离岗次数", "离岗时长(分钟)",
    ];

    /// <summary>The file's bytes, BOM first.</summary>
    public static byte[] Write(AssessmentReport month, IEnumerable<AssessmentReport> days)
    {
        ArgumentNullException.ThrowIfNull(month);
        ArgumentNullException.ThrowIfNull(days);
        var text = new StringBuilder();
        Line(text, Header);
        Rows(text, month);
        foreach (var day in days)
        {
            Rows(text, day);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static void Rows(StringBuilder text, AssessmentReport report)
    {
        foreach (var row in report.Counters)
        {
            Line(text, Cells(report.Label, "窗口", row));
        }

        foreach (var row in report.Staff)
        {
            Line(text, Cells(report.Label, "人员", row));
        }
    }

    private static List<string> Cells(string label, string scope, KpiRow row) =>
    [
        label, scope, row.Key, row.Name, Number(row.Served), Number(row.AverageWaitMinutes), Number(row.AverageServiceMinutes),
        Number(row.NoShows), Number(row.Transferred), Number(row.Level5), Number(row.Level4), Number(row.Level3), Number(row.Level2),
        Number(row.Level1), Number(row.Rated), Number(row.NotRated), Number(row.SatisfactionPercent), Number(row.BadReviews),
        Number(row.OpenBadReviews), Number(row.OverdueBadReviews), Number(row.Absences), Number(row.AbsentMinutes),
    ];

    private static string Number(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";

    private static void Line(StringBuilder text, IEnumerable<string> cells)
    {
        text.Append(string.Join(",", cells.Select(Quote))).Append("\r\n");
    }

    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so Excel does not run a name as a formula.</summary>
    private static string Quote(string cell)
    {
        if (cell.Length > 0 && cell[0] is '=' or '+' or '@' || (cell.Length > 1 && cell[0] == '-' && !char.IsAsciiDigit(cell[1])))
        {
            cell = "'" + cell;
        }

        return cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }
}
