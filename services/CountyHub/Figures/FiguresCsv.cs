using System.Globalization;
using System.Text;

namespace Hall.CountyHub.Figures;

/// <summary>
/// A table of figure rows as CSV: UTF-8 with a byte-order mark (so Excel shows the Chinese), a Chinese header row,
/// numbers as plain numbers (no units, no thousands separators), an empty cell where there is no value (nobody rated).
/// Ticket volumes per category follow in one column per category code present.
/// </summary>
public static class FiguresCsv
{
    public static readonly IReadOnlyList<string> Header =
    [
        "期间", "编号", "名称", "取号量", "办件量", "过号", "平均等候(分钟)", "P90等候(分钟)", "最长等候(分钟)", "平均办理(分钟)",
        "非常满意", "满意", "基本满意", "不满意", "非常不满意", "评价数", "未评价", "满意率(%)",
        "差评", "未办结差评", "超期差评", "按期处理差评", "差评按期处理率(%)", "申诉成立", "离岗次数", "离岗时长(分钟)",
    ];

    public static byte[] Write(IEnumerable<FigureRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        var categories = list.SelectMany(r => r.IssuedByCategory.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var text = new StringBuilder();
        Line(text, [.. Header, .. categories.Select(c => $"取号量({c}类)")]);
        foreach (var r in list)
        {
            Line(text,
            [
                r.Period, r.BoxId, r.HallName, N(r.Issued), N(r.Served), N(r.NoShows), N(r.AverageWaitMinutes), N(r.P90WaitMinutes), N(r.LongestWaitMinutes),
                N(r.AverageServiceMinutes), N(r.Level5), N(r.Level4), N(r.Level3), N(r.Level2), N(r.Level1), N(r.Rated), N(r.NotRated), N(r.SatisfactionPercent),
                N(r.BadReviews), N(r.OpenBadReviews), N(r.OverdueBadReviews), N(r.OnTimeBadReviews), N(r.OnTimePercent), N(r.AppealsAccepted),
                N(r.Absences), N(r.AbsentMinutes), .. categories.Select(c => N(r.IssuedByCategory.GetValueOrDefault(c))),
            ]);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string N(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, IEnumerable<string> cells) => text.Append(string.Join(",", cells.Select(Quote))).Append("\r\n");

    /// <summary>RFC 4180 quoting; a leading =, +, - or @ gets a ' so Excel does not run a hall's name as a formula.</summary>
    private static string Quote(string cell)
    {
        if (cell.Length > 0 && cell[0] is '=' or '+' or '@' || (cell.Length > 1 && cell[0] == '-' && !char.IsAsciiDigit(cell[1])))
        {
            cell = "'" + cell;
        }

        return cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }
}
