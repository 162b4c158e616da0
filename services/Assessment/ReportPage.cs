using System.Globalization;
using System.Net;
using System.Text;

namespace Hall.Assessment;

/// <summary>
/// 月度通报: the printable monthly report, A4 portrait. Plain HTML and CSS with nothing fetched from elsewhere; the
/// browser's print (Ctrl+P) makes the paper or PDF.
/// </summary>
public static class ReportPage
{
    /// <summary>The A4 print style, Pages/report.css; the document itself is built here, every value HTML-encoded.</summary>
    private static readonly string Style = PageFiles.ReadText(typeof(ReportPage).Assembly, "report.css");

    public static string Render(AssessmentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var month = DateOnly.ParseExact(report.Label + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var title = $"{report.HallName} {month.Year}年{month.Month}月窗口服务月度通报";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(title)).Append("</title>\n<style>")
            .Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<p class=\"tools\"><button onclick=\"window.print()\">打印 / 存为 PDF</button></p>\n")
            .Append("<h1>").Append(E(report.HallName)).Append("<br>窗口服务月度通报</h1>\n")
            .Append("<p class=\"sub\">").Append(month.Year).Append('年').Append(month.Month).Append("月(")
            .Append(D(report.From)).Append(" 至 ").Append(D(report.To)).Append(")</p>\n");

        var hall = report.Hall;
        html.Append("<h2>一、总体情况</h2>\n<p class=\"summary\">本月全厅共办结 ").Append(hall.Served).Append(" 件,过号 ").Append(hall.NoShows)
            .Append(" 人次;平均等候 ").Append(Minutes(hall.AverageWaitMinutes)).Append(",平均办理 ").Append(Minutes(hall.AverageServiceMinutes))
            .Append("。收到评价 ").Append(hall.Rated).Append(" 条(未评价 ").Append(hall.NotRated).Append(" 件),满意率 ").Append(Percent(hall.SatisfactionPercent))
            .Append(";差评 ").Append(hall.BadReviews).Append(" 条,其中未办结 ").Append(hall.OpenBadReviews).Append(" 条、超期 ").Append(hall.OverdueBadReviews).Append(" 条")
            .Append(";离岗 ").Append(hall.Absences).Append(" 次,共 ").Append(Minutes(hall.AbsentMinutes)).Append("。</p>\n");

        html.Append("<h2>二、各窗口情况</h2>\n");
        Table(html, "窗口", report.Counters);
        html.Append("<h2>三、工作人员情况</h2>\n");
        Table(html, "工作人员", report.Staff);

        html.Append("<h2>四、表扬</h2>\n");
        var perfect = report.Counters.Where(c => c.Rated > 0 && c.SatisfactionRate == 1).Select(c => c.Name).ToList();
        var most = report.Counters.Where(c => c.Served > 0).GroupBy(c => c.Served).OrderByDescending(g => g.Key).FirstOrDefault();
        html.Append("<p class=\"summary\">满意率 100% 的窗口:<span class=\"star\">")
            .Append(perfect.Count == 0 ? "无" : E(string.Join("、", perfect))).Append("</span>。</p>\n")
            .Append("<p class=\"summary\">办件量最多的窗口:<span class=\"star\">")
            .Append(most is null ? "无" : E(string.Join("、", most.Select(c => c.Name))) + $"({most.Key} 件)").Append("</span>。</p>\n");

        html.Append("<h2>五、差评及回访整改</h2>\n");
        if (report.BadReviews.Count == 0)
        {
            html.Append("<p class=\"summary\">本月无差评。</p>\n");
        }
        else
        {
            html.Append("<table><thead><tr><th>日期</th><th>案件</th><th>号码</th><th>窗口</th><th>工作人员</th><th>评价</th><th>处理情况</th><th>整改后再评价</th></tr></thead><tbody>\n");
            foreach (var line in report.BadReviews)
            {
                html.Append("<tr><td>").Append(D(line.Day)).Append("</td><td>").Append(E(line.CaseId)).Append("</td><td>").Append(E(line.TicketNo))
                    .Append("</td><td>").Append(E(line.CounterName ?? line.Counter)).Append("</td><td>").Append(E(line.StaffName ?? line.StaffId ?? "未签到"))
                    .Append("</td><td>").Append(LevelName(line.Level)).Append("</td><td").Append(line.Overdue ? " class=\"overdue\">" : ">")
                    .Append(StateName(line.State)).Append(line.Overdue ? "(已超期)" : "").Append("</td><td>")
                    .Append(line.ReRatingLevel is { } again ? LevelName(again) : "—").Append("</td></tr>\n");
            }

            html.Append("</tbody></table>\n");
        }

        html.Append("<p class=\"foot\">满意率 =(非常满意 + 满意 + 基本满意)÷ 评价总数,未评价不计入(依据国办发〔2019〕51号、GB/T 39735-2020)。<br>")
            .Append("离岗由窗口摄像头记录,只计窗口开放(未暂停)、办公时间内超过离岗时限的离开。<br>")
            .Append("生成时间:").Append(report.GeneratedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append("</p>\n</body>\n</html>\n");
        return html.ToString();
    }

    public static string StateName(string state) => state switch
    {
        "open" => "待回访",
        "called-back" => "已回访,待整改",
        "rectified" => "已整改,待办结",
        "closed" => "已办结",
        "appealed" => "申诉中",
        "appeal-accepted" => "申诉成立,不计差评",
        _ => state,
    };

    public static string LevelName(int level) => level switch
    {
        5 => "非常满意",
        4 => "满意",
        3 => "基本满意",
        2 => "不满意",
        1 => "非常不满意",
        _ => level.ToString(CultureInfo.InvariantCulture),
    };

    private static void Table(StringBuilder html, string what, IReadOnlyList<KpiRow> rows)
    {
        html.Append("<table><thead><tr><th>").Append(what).Append("</th><th>办件量</th><th>平均等候</th><th>平均办理</th><th>过号</th>")
            .Append("<th>非常满意</th><th>满意</th><th>基本满意</th><th>不满意</th><th>非常不满意</th><th>未评价</th><th>满意率</th><th>差评(未办结/超期)</th>")
            .Append("<th>离岗次数</th><th>离岗时长</th></tr></thead><tbody>\n");
        if (rows.Count == 0)
        {
            html.Append("<tr><td colspan=\"15\">本月无记录</td></tr>\n");
        }

        foreach (var row in rows)
        {
            html.Append("<tr><td class=\"name\">").Append(E(row.Name)).Append(row.Key != row.Name && row.Key.Length > 0 ? $"({E(row.Key)})" : "")
                .Append("</td><td>").Append(row.Served).Append("</td><td>").Append(Minutes(row.AverageWaitMinutes)).Append("</td><td>").Append(Minutes(row.AverageServiceMinutes))
                .Append("</td><td>").Append(row.NoShows).Append("</td><td>").Append(row.Level5).Append("</td><td>").Append(row.Level4).Append("</td><td>").Append(row.Level3)
                .Append("</td><td>").Append(row.Level2).Append("</td><td>").Append(row.Level1).Append("</td><td>").Append(row.NotRated)
                .Append("</td><td>").Append(Percent(row.SatisfactionPercent)).Append("</td><td>").Append(row.BadReviews)
                .Append('(').Append(row.OpenBadReviews).Append('/').Append(row.OverdueBadReviews).Append(")</td><td>").Append(row.Absences)
                .Append("</td><td>").Append(Minutes(row.AbsentMinutes)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static string Minutes(double? minutes) => minutes is { } m ? m.ToString("0.0", CultureInfo.InvariantCulture) + " 分钟" : "—";

    private static string Percent(double? percent) => percent is { } p ? p.ToString("0.##", CultureInfo.InvariantCulture) + "%" : "—";

    private static string D(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
