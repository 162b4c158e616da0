// The console's 窗口考核 tab (markup in assessment-tab.html): the day or month table per counter and per staff member
// (with 离岗 from the counter cameras), bar charts in inline SVG (no chart library), and links to the monthly CSV and
// the printable 月度通报. Runs after console.js and uses its $, esc, api, act and say.

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
