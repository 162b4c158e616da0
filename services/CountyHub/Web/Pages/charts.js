// The figure pages' charts: inline SVG drawn here, nothing fetched from elsewhere. Charts.columns (a value per day or
// month, with an optional line on a second scale), Charts.bars (a ranking, one bar per hall). Every text is escaped;
// a missing value (null: nobody rated that day) leaves a gap, never a zero.
(function () {
  'use strict';
  function esc(v) {
    return String(v === null || v === undefined ? '' : v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }
  function fmt(v, digits) {
    if (v === null || v === undefined) { return '—'; }
    return Number(v).toFixed(digits === undefined ? 0 : digits).replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1');
  }
  // A round top for a scale: 1, 2, 2.5 or 5 times a power of ten at or above the largest value.
  function niceMax(max) {
    if (!(max > 0)) { return 1; }
    var p = Math.pow(10, Math.floor(Math.log(max) / Math.LN10));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) { if (steps[i] * p >= max) { return steps[i] * p; } }
    return 10 * p;
  }

  // options: labels (x texts), columns {name, values, color, unit}, line {name, values, color, unit, max} (optional),
  // width, height, title. Labels are thinned when they would overlap.
  function columns(options) {
    var w = options.width || 900, h = options.height || 260;
    var left = 52, right = options.line ? 56 : 16, top = 34, bottom = 40;
    var plotW = w - left - right, plotH = h - top - bottom;
    var n = options.labels.length;
    var colMax = niceMax(Math.max.apply(null, options.columns.values.map(function (v) { return v || 0; }).concat([0])));
    var lineMax = options.line ? (options.line.max || niceMax(Math.max.apply(null, options.line.values.map(function (v) { return v || 0; }).concat([0])))) : 1;
    var step = plotW / Math.max(1, n);
    var svg = ['<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ' + w + ' ' + h + '" width="100%" role="img" aria-label="' + esc(options.title || '') + '">'];
    // the legend
    svg.push('<rect x="' + left + '" y="8" width="14" height="14" fill="' + options.columns.color + '"/>');
    svg.push('<text x="' + (left + 20) + '" y="20" class="legend">' + esc(options.columns.name) + (options.columns.unit ? '(' + esc(options.columns.unit) + ')' : '') + '</text>');
    if (options.line) {
      svg.push('<line x1="' + (left + 190) + '" y1="15" x2="' + (left + 214) + '" y2="15" stroke="' + options.line.color + '" stroke-width="3"/>');
      svg.push('<text x="' + (left + 220) + '" y="20" class="legend">' + esc(options.line.name) + (options.line.unit ? '(' + esc(options.line.unit) + ')' : '') + '</text>');
    }
    // Five steps: every round top of niceMax (1, 2, 2.5, 5 × 10ⁿ) divides into round fifths.
    for (var g = 0; g <= 5; g++) {
      var y = top + plotH - plotH * g / 5;
      svg.push('<line x1="' + left + '" y1="' + y + '" x2="' + (left + plotW) + '" y2="' + y + '" class="grid"/>');
      svg.push('<text x="' + (left - 6) + '" y="' + (y + 4) + '" class="axis" text-anchor="end">' + fmt(colMax * g / 5, colMax < 10 ? 1 : 0) + '</text>');
      if (options.line) {
        svg.push('<text x="' + (left + plotW + 6) + '" y="' + (y + 4) + '" class="axis">' + fmt(lineMax * g / 5, lineMax < 10 ? 1 : 0) + '</text>');
      }
    }
    var every = Math.max(1, Math.ceil(n / Math.floor(plotW / 46)));
    var bw = Math.max(2, step * 0.62);
    options.columns.values.forEach(function (v, i) {
      var x = left + step * i + (step - bw) / 2;
      if (v) {
        var bh = plotH * v / colMax;
        svg.push('<rect x="' + x.toFixed(1) + '" y="' + (top + plotH - bh).toFixed(1) + '" width="' + bw.toFixed(1) + '" height="' + bh.toFixed(1) + '" fill="' + options.columns.color + '">' +
          '<title>' + esc(options.labels[i]) + ' ' + esc(options.columns.name) + ' ' + fmt(v, 1) + '</title></rect>');
      }
      if (i % every === 0) {
        svg.push('<text x="' + (left + step * i + step / 2).toFixed(1) + '" y="' + (h - bottom + 16) + '" class="axis" text-anchor="middle">' + esc(options.shortLabel ? options.shortLabel(options.labels[i]) : options.labels[i]) + '</text>');
      }
    });
    if (options.line) {
      var path = '', pen = false;
      options.line.values.forEach(function (v, i) {
        if (v === null || v === undefined) { pen = false; return; }
        var x = left + step * i + step / 2, y = top + plotH - plotH * Math.min(v, lineMax) / lineMax;
        path += (pen ? 'L' : 'M') + x.toFixed(1) + ' ' + y.toFixed(1);
        pen = true;
        svg.push('<circle cx="' + x.toFixed(1) + '" cy="' + y.toFixed(1) + '" r="3" fill="' + options.line.color + '"><title>' + esc(options.labels[i]) + ' ' + esc(options.line.name) + ' ' + fmt(v, 2) + '</title></circle>');
      });
      if (path) { svg.push('<path d="' + path + '" fill="none" stroke="' + options.line.color + '" stroke-width="2.5"/>'); }
    }
    svg.push('</svg>');
    return svg.join('');
  }

  // options: items [{label, value, note}] in rank order (value null: drawn as a note, no bar), unit, digits, color, width.
  function bars(options) {
    var w = options.width || 900, row = 26, left = 190, right = 90, top = 8;
    var items = options.items;
    var h = top * 2 + row * Math.max(1, items.length);
    var max = options.max || niceMax(Math.max.apply(null, items.map(function (it) { return it.value || 0; }).concat([0])));
    var plotW = w - left - right;
    var svg = ['<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ' + w + ' ' + h + '" width="100%" role="img" aria-label="' + esc(options.title || '') + '">'];
    if (!items.length) { svg.push('<text x="10" y="24" class="axis">无数据</text>'); }
    items.forEach(function (it, i) {
      var y = top + row * i;
      svg.push('<text x="' + (left - 8) + '" y="' + (y + 17) + '" class="label" text-anchor="end">' + esc(it.label) + '</text>');
      if (it.value === null || it.value === undefined) {
        svg.push('<text x="' + left + '" y="' + (y + 17) + '" class="axis">' + esc(it.note || '无数据') + '</text>');
        return;
      }
      var bw = Math.max(1, plotW * it.value / max);
      svg.push('<rect x="' + left + '" y="' + (y + 4) + '" width="' + bw.toFixed(1) + '" height="' + (row - 8) + '" fill="' + (it.color || options.color) + '"/>');
      svg.push('<text x="' + (left + bw + 6).toFixed(1) + '" y="' + (y + 17) + '" class="value">' + fmt(it.value, options.digits) + esc(options.unit || '') + '</text>');
    });
    svg.push('</svg>');
    return svg.join('');
  }

  window.Charts = { columns: columns, bars: bars, fmt: fmt };
})();
