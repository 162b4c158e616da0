namespace Hall.FirmwareHost.Admin;

/// <summary>
/// The console's 窗口考核 tab: the day or month table per counter and per staff member (with 离岗 from the counter
/// cameras), bar charts in inline SVG (no
/// chart library), and links to the monthly CSV and the printable 月度通报. Spliced into <see cref="Console"/>.
/// </summary>
internal static partial class AdminPages
{
    private const string AssessmentTabHtml = """
        <div id="tab-assessment" class="tab">
          <section class="panel"><h2>窗口考核 <span id="as-title" class="muted"></span></h2>
            <form id="as-form" class="row">
              <label>范围<select id="as-period"><option value="day">按日</option><option value="month">按月</option></select></label>
              <label>日期<input id="as-date" type="date" required></label>
              <button type="submit">查询</button>
              <a class="button" id="as-csv" href="#" download>导出本月 CSV</a>
              <a class="button" id="as-report" href="#" target="_blank" rel="noopener">月度通报(打印)</a>
            </form>
            <p class="muted" id="as-hall"></p>
          </section>
          <section class="panel"><h2>各窗口</h2>
            <div class="as-charts"><div><h3>办件量</h3><div id="as-chart-served"></div></div><div><h3>满意率(%)</h3><div id="as-chart-rate"></div></div></div>
            <table><thead><tr>ASSESSMENT-HEAD</tr></thead><tbody id="as-counters"></tbody></table>
          </section>
          <section class="panel"><h2>工作人员</h2>
            <table><thead><tr>ASSESSMENT-HEAD</tr></thead><tbody id="as-staff"></tbody></table>
          </section>
          <section class="panel"><h2>差评及回访整改</h2>
            <table><thead><tr><th>日期</th><th>案件</th><th>号码</th><th>窗口</th><th>工作人员</th><th>评价</th><th>处理情况</th></tr></thead><tbody id="as-bad"></tbody></table>
          </section>
          <style>
            .as-charts { display:grid; grid-template-columns:repeat(auto-fit, minmax(320px, 1fr)); gap:1em; margin-bottom:1em; }
            .as-charts h3 { font-size:.95em; margin:0 0 .3em; color:var(--muted); }
            .as-charts svg { width:100%; height:auto; }
            #tab-assessment td.num, #tab-assessment th.num { text-align:right; }
            #tab-assessment a.button { display:inline-flex; align-items:center; text-decoration:none; }
          </style>
        </div>
        """;

    private const string AssessmentHead =
        "<th>名称</th><th class=\"num\">办件量</th><th class=\"num\">平均等候(分)</th><th class=\"num\">平均办理(分)</th><th class=\"num\">过号</th>" +
        "<th class=\"num\">非常满意</th><th class=\"num\">满意</th><th class=\"num\">基本满意</th><th class=\"num\">不满意</th><th class=\"num\">非常不满意</th>" +
        "<th class=\"num\">未评价</th><th class=\"num\">满意率</th><th class=\"num\">差评(未办结/超期)</th>" +
        "<th class=\"num\">离岗次数</th><th class=\"num\">离岗时长(分)</th>";

    private const string AssessmentTabScript = """
        // ---- window assessment (窗口考核) ----
        const LEVEL = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' };
        const CASE = { 'open': '待回访', 'called-back': '已回访,待整改', 'rectified': '已整改,待办结', 'closed': '已办结',
          'appealed': '申诉中', 'appeal-accepted': '申诉成立,不计差评' };
        const num = (v, digits) => v === undefined || v === null ? '—' : Number(v).toFixed(digits);

        function assessmentRows(rows) {
          if (!rows.length) { return '<tr><td colspan="15" class="muted">该时段没有办件或离岗记录</td></tr>'; }
          return rows.map((k) => `<tr><td>${esc(k.name)}${k.key && k.key !== k.name ? ' <span class="muted">' + esc(k.key) + '</span>' : ''}</td>
            <td class="num"><strong>${k.served}</strong></td><td class="num">${num(k.averageWaitMinutes, 1)}</td><td class="num">${num(k.averageServiceMinutes, 1)}</td>
            <td class="num">${k.noShows}</td><td class="num">${k.level5}</td><td class="num">${k.level4}</td><td class="num">${k.level3}</td>
            <td class="num">${k.level2}</td><td class="num">${k.level1}</td><td class="num">${k.notRated}</td>
            <td class="num">${k.satisfactionPercent === undefined ? '—' : num(k.satisfactionPercent, 2) + '%'}</td>
            <td class="num">${k.badReviews}(${k.openBadReviews}/${k.overdueBadReviews})</td>
            <td class="num">${k.absences ?? 0}</td><td class="num">${num(k.absentMinutes ?? 0, 1)}</td></tr>`).join('');
        }

        // Horizontal bars, one per counter, drawn as inline SVG.
        function assessmentBars(rows, value, max, unit) {
          if (!rows.length) { return '<p class="muted">无数据</p>'; }
          const top = Math.max(max || 0, ...rows.map(value), 1);
          const h = 26;
          return `<svg viewBox="0 0 600 ${rows.length * h + 6}" role="img">` + rows.map((k, i) => {
            const v = value(k), w = Math.round(v / top * 380), y = i * h + 3;
            return `<text x="0" y="${y + 17}" font-size="14">${esc(k.name)}</text>
              <rect x="150" y="${y + 3}" width="${w}" height="${h - 8}" rx="3" fill="var(--accent)"></rect>
              <text x="${156 + w}" y="${y + 17}" font-size="14">${esc(String(Math.round(v * 100) / 100))}${unit}</text>`;
          }).join('') + '</svg>';
        }

        async function loadAssessment() {
          // Without a date the box answers for the hall's own today (its time zone, not this browser's).
          const period = $('as-period').value;
          const query = $('as-date').value ? `&date=${encodeURIComponent($('as-date').value)}` : '';
          let r;
          try { r = await api('GET', `/assessment?period=${encodeURIComponent(period)}${query}`); } catch (e) { say(e.message, false); return; }
          if (!$('as-date').value) { $('as-date').value = String(r.from).slice(0, 10); }
          const date = $('as-date').value;
          const month = date.slice(0, 7);
          $('as-csv').href = `/admin/api/assessment/export.csv?month=${encodeURIComponent(month)}`;
          $('as-report').href = `/admin/report/monthly?month=${encodeURIComponent(month)}`;
          $('as-title').textContent = r.label;
          const h = r.hall;
          $('as-hall').textContent = `全厅:办结 ${h.served} 件,过号 ${h.noShows},平均等候 ${num(h.averageWaitMinutes, 1)} 分钟,平均办理 ${num(h.averageServiceMinutes, 1)} 分钟,` +
            `评价 ${h.level5 + h.level4 + h.level3 + h.level2 + h.level1} 条,未评价 ${h.notRated},满意率 ${h.satisfactionPercent === undefined ? '—' : num(h.satisfactionPercent, 2) + '%'},` +
            `差评 ${h.badReviews}(未办结 ${h.openBadReviews},超期 ${h.overdueBadReviews}),离岗 ${h.absences ?? 0} 次,共 ${num(h.absentMinutes ?? 0, 1)} 分钟。` +
            `满意率 =(非常满意+满意+基本满意)÷ 评价总数,未评价不计入。`;
          $('as-counters').innerHTML = assessmentRows(r.counters);
          $('as-staff').innerHTML = assessmentRows(r.staff);
          $('as-chart-served').innerHTML = assessmentBars(r.counters, (k) => k.served, 0, ' 件');
          $('as-chart-rate').innerHTML = assessmentBars(r.counters, (k) => k.satisfactionPercent ?? 0, 100, '%');
          $('as-bad').innerHTML = r.badReviews.length ? r.badReviews.map((b) => `<tr><td>${esc(b.day)}</td><td>${esc(b.caseId)}</td><td>${esc(b.ticketNo)}</td>
            <td>${esc(b.counterName || b.counter)}</td><td>${esc(b.staffName || b.staffId || '未签到')}</td><td>${LEVEL[b.level] || b.level}</td>
            <td>${esc(CASE[b.state] || b.state)}${b.overdue ? ' <span class="badge closed">已超期</span>' : ''}</td></tr>`).join('')
            : '<tr><td colspan="7" class="muted">该时段没有差评</td></tr>';
        }

        $('as-form').addEventListener('submit', (e) => { e.preventDefault(); loadAssessment(); });
        $('as-period').addEventListener('change', loadAssessment);
        """;

    private static string WithAssessmentTab(string html) => html
        .Replace("<!--ASSESSMENT-TAB-->", AssessmentTabHtml.Replace("ASSESSMENT-HEAD", AssessmentHead, StringComparison.Ordinal), StringComparison.Ordinal)
        .Replace("/*ASSESSMENT-SCRIPT*/", AssessmentTabScript, StringComparison.Ordinal);
}
