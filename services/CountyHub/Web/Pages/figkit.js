// What the figure pages share: how a figure is written (分钟, %, 无评价), the KPI tiles with 环比, and the columns of a
// figure table. Used with hub.js (Hub.esc) and charts.js.
(function () {
  'use strict';
  var esc = function (v) { return Hub.esc(v); };
  function minutes(v) { return v === null || v === undefined ? '—' : Number(v).toFixed(1) + ' 分钟'; }
  function percent(v, none) { return v === null || v === undefined ? (none || '—') : Number(v).toFixed(2).replace(/\.?0+$/, '') + '%'; }
  function count(v) { return v === null || v === undefined ? '—' : Number(v).toLocaleString('zh-CN'); }

  // 环比 of one figure: counts and minutes in percent of last month, rates in percentage points. Whether up is good
  // depends on the figure (more served is good, a longer wait is not).
  var UP_IS_GOOD = { '取号量': true, '办件量': true, '平均等候': false, '平均办理': false, '满意率': true, '差评': false, '差评按期处理率': true, '离岗次数': false };
  function change(c, previousName) {
    if (!c) { return ''; }
    if (c.change === null || c.change === undefined) {
      var none = c.name === '满意率' ? '无评价' : c.name === '差评按期处理率' ? '无差评' : '无数据';
      return '<span class="change">' + esc(previousName) + (c.previous === null || c.previous === undefined ? none + ',不计环比' : ' ' + esc(value(c, c.previous))) + '</span>';
    }
    var sign = c.change > 0 ? '+' : '';
    var text = c.kind === 'percent' ? sign + c.change.toFixed(2).replace(/\.?0+$/, '') + ' 个百分点' : sign + c.change.toFixed(1) + '%';
    var good = c.change === 0 ? '' : ((c.change > 0) === UP_IS_GOOD[c.name] ? ' up' : ' down');
    return '<span class="change' + good + '">较' + esc(previousName) + ' ' + esc(text) + '</span>';
  }
  function value(c, v) {
    return c.kind === 'percent' ? percent(v, '无评价') : c.kind === 'minutes' ? minutes(v) : count(v);
  }

  // The eight tiles of a period's total, each with its 环比 when changes are given.
  function kpis(total, changes, previousName) {
    var byName = {};
    (changes || []).forEach(function (c) { byName[c.name] = c; });
    var tiles = [
      ['取号量', count(total.issued)], ['办件量', count(total.served)], ['平均等候', minutes(total.averageWaitMinutes)],
      ['P90 等候', minutes(total.p90WaitMinutes)], ['平均办理', minutes(total.averageServiceMinutes)],
      ['满意率', percent(total.satisfactionPercent, '无评价')], ['差评按期处理率', percent(total.onTimePercent, '无差评')], ['离岗次数', count(total.absences)]
    ];
    return tiles.map(function (t) {
      return '<div class="kpi"><div class="label">' + esc(t[0]) + '</div><div class="value">' + esc(t[1]) + '</div>' +
        (changes ? change(byName[t[0]], previousName) : '') + '</div>';
    }).join('');
  }

  function categories(rows) {
    var seen = {};
    rows.forEach(function (r) { Object.keys(r.issuedByCategory || {}).forEach(function (k) { seen[k] = true; }); });
    return Object.keys(seen).sort();
  }

  function head(first, cats) {
    var cells = [first, '取号', '办件', '过号', '平均等候', 'P90 等候', '最长等候', '平均办理', '评价数', '未评价', '满意率', '差评', '未办结', '超期', '按期处理率', '离岗次数', '离岗时长']
      .concat(cats.map(function (c) { return c + '类取号'; }));
    return '<tr>' + cells.map(function (c, i) { return '<th' + (i ? ' class="num"' : '') + '>' + esc(c) + '</th>'; }).join('') + '</tr>';
  }

  // firstCell: the row's first cell as HTML (already escaped).
  function row(r, firstCell, cats, cls) {
    var n = function (v, f) { return '<td class="num' + (v === null || v === undefined ? ' none' : '') + '">' + esc(f ? f(v) : count(v)) + '</td>'; };
    if (!cls && !r.issued && !r.served && !r.rated && !r.notRated && !r.absences) { cls = 'idle'; }
    return '<tr' + (cls ? ' class="' + cls + '"' : '') + '><td class="hall">' + firstCell + '</td>' +
      n(r.issued) + n(r.served) + n(r.noShows) + n(r.averageWaitMinutes, minutes) + n(r.p90WaitMinutes, minutes) + n(r.longestWaitMinutes, minutes) +
      n(r.averageServiceMinutes, minutes) + n(r.rated) + n(r.notRated) +
      '<td class="num' + (r.satisfactionPercent == null ? ' none' : '') + '">' + esc(percent(r.satisfactionPercent, '无评价')) + '</td>' +
      n(r.badReviews) + n(r.openBadReviews) + n(r.overdueBadReviews) +
      '<td class="num' + (r.onTimePercent == null ? ' none' : '') + '">' + esc(percent(r.onTimePercent, '无差评')) + '</td>' +
      n(r.absences) + n(r.absentMinutes, minutes) +
      cats.map(function (c) { return n((r.issuedByCategory || {})[c] || 0); }).join('') + '</tr>';
  }

  // A month chosen with two selects (年, 月) rather than <input type=month>, whose words follow the browser's own
  // language: county desks must read Chinese whatever browser they run. value: "2026-11".
  function monthPicker(yearSelect, monthSelect, value, lastYear) {
    var year = Number(value.substring(0, 4));
    var first = Math.min(year, lastYear) - 5;
    yearSelect.innerHTML = '';
    for (var y = Math.max(year, lastYear); y >= first; y--) {
      yearSelect.insertAdjacentHTML('beforeend', '<option value="' + y + '">' + y + '年</option>');
    }
    monthSelect.innerHTML = '';
    for (var m = 1; m <= 12; m++) {
      monthSelect.insertAdjacentHTML('beforeend', '<option value="' + (m < 10 ? '0' + m : m) + '">' + m + '月</option>');
    }
    yearSelect.value = value.substring(0, 4);
    monthSelect.value = value.substring(5, 7);
  }
  function monthOf(yearSelect, monthSelect) { return yearSelect.value + '-' + monthSelect.value; }

  window.Fig = { monthPicker: monthPicker, monthOf: monthOf, minutes: minutes, percent: percent, count: count, change: change, kpis: kpis, categories: categories, head: head, row: row };
})();
