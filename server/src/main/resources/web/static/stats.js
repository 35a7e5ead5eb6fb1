// Charts of the Distributions, Business impact and Model performance pages (uPlot). The page puts
// the same JSON as its GET /v1/stats/... route in #stats-data's data-stats attribute and marks
// each chart's place with a .stats-chart element whose data-kind (and data-source, data-column)
// say what to draw. No inline script (CSP); text from data is set with textContent only.
(function () {
  'use strict';

  var holder = document.getElementById('stats-data');
  if (!holder) { return; }
  var stats;
  try { stats = JSON.parse(holder.getAttribute('data-stats')); } catch (e) { return; }
  var charts = [];

  function cssVar(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  function colors() {
    return [cssVar('--chart-1'), cssVar('--chart-2'), cssVar('--chart-3'), cssVar('--high'), cssVar('--muted')];
  }

  function seconds(iso) {
    return Date.parse(iso) / 1000;
  }

  function short(text, n) {
    return text.length > n ? text.slice(0, n - 1) + '…' : text;
  }

  function byName(list, name) {
    for (var i = 0; i < list.length; i++) {
      if (list[i].source === name) { return list[i]; }
    }
    return null;
  }

  function empty(el, text) {
    el.textContent = text;
    el.classList.add('chart-empty');
  }

  // vertical threshold lines, drawn after the series: [{at, label, color}]
  function markHook(marks) {
    return function (u) {
      var ctx = u.ctx;
      var dpr = window.devicePixelRatio || 1;
      ctx.save();
      ctx.font = (11 * dpr) + 'px sans-serif';
      marks.forEach(function (m, i) {
        var x = Math.round(u.valToPos(m.at, 'x', true));
        if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) { return; }
        ctx.strokeStyle = m.color;
        ctx.fillStyle = m.color;
        ctx.lineWidth = 2 * dpr;
        ctx.setLineDash([6 * dpr, 4 * dpr]);
        ctx.beginPath();
        ctx.moveTo(x, u.bbox.top);
        ctx.lineTo(x, u.bbox.top + u.bbox.height);
        ctx.stroke();
        ctx.fillText(m.label, x + 3 * dpr, u.bbox.top + (12 + 12 * i) * dpr);
      });
      ctx.restore();
    };
  }

  function axis(extra) {
    var a = { stroke: cssVar('--fg'), grid: { stroke: cssVar('--grid') }, ticks: { stroke: cssVar('--grid') } };
    return Object.assign(a, extra || {});
  }

  // one chart: x values, series [{label, values, bars, align}], options {time, labels, marks, yRange, yLabel}
  function draw(el, xs, series, o) {
    if (!xs.length || !series.length) { empty(el, 'No data in this range.'); return null; }
    el.textContent = '';
    el.classList.remove('chart-empty');
    var c = colors();
    var n = series.length;
    var xAxis = o.labels ? axis({
      splits: function () { return xs; },
      values: function (u, splits) {
        var every = Math.max(1, Math.ceil(xs.length * 60 / Math.max(1, u.bbox.width / (window.devicePixelRatio || 1))));
        return splits.map(function (v, i) { return i % every === 0 && o.labels[v] !== undefined ? short(o.labels[v], 12) : ''; });
      }
    }) : axis();
    var opts = {
      width: Math.max(260, el.clientWidth),
      height: 220,
      scales: {
        x: o.labels ? { time: false, range: [-0.6, xs.length - 0.4] }
          : o.xRange ? { time: !!o.time, range: o.xRange } : { time: !!o.time },
        y: o.yRange ? { range: o.yRange } : {}
      },
      axes: [xAxis, axis({ label: o.yLabel || '', size: 72, labelGap: 8 })],
      legend: { show: n > 1 },
      series: [{ label: o.xLabel || 'x', value: o.labels ? function (u, v) { return v == null ? '' : o.labels[v]; } : undefined }]
        .concat(series.map(function (s, i) {
          var bars = s.bars && uPlot.paths && uPlot.paths.bars;
          return {
            label: s.label,
            stroke: c[i % c.length],
            fill: bars ? c[i % c.length] : undefined,
            width: bars ? 0 : 2,
            spanGaps: !bars,
            points: { show: !bars && xs.length <= 60 },
            paths: bars ? uPlot.paths.bars({ size: [n > 1 ? 0.9 / n : 0.9, 80], align: n > 1 ? (i === 0 ? -1 : 1) : 0 }) : undefined
          };
        })),
      hooks: o.marks ? { draw: [markHook(o.marks)] } : {}
    };
    var data = [xs].concat(series.map(function (s) { return s.values; }));
    var u = new uPlot(opts, data, el);
    u.kind = el.getAttribute('data-kind');
    charts.push(u);
    return u;
  }

  function indices(n) {
    var out = [];
    for (var i = 0; i < n; i++) { out.push(i); }
    return out;
  }

  function thresholdMarks(t) {
    return [
      { at: t.anomaly, label: 'is_anomaly', color: cssVar('--fg') },
      { at: t.medium, label: 'medium', color: cssVar('--med') },
      { at: t.high, label: 'high', color: cssVar('--high') },
      { at: t.critical, label: 'critical', color: cssVar('--crit') }
    ];
  }

  // a source's score histogram has its own model's edges and thresholds; risk shares edges
  function histogram(el, h, scale, label) {
    var name = el.getAttribute('data-source');
    var s = byName(h.sources, name);
    var own = byName(stats.score.sources, name);
    if (!s || !own) { empty(el, 'No events of this source in the range.'); return; }
    var thresholds = own.thresholds[scale];
    var e = s.edges || h.edges;
    var xs = [];
    for (var i = 0; i + 1 < e.length; i++) { xs.push((e[i] + e[i + 1]) / 2); }
    var lo = Math.min(e[0], thresholds.medium);
    var hi = Math.max(e[e.length - 1], thresholds.critical);
    draw(el, xs, [{ label: 'events', values: s.counts, bars: true }],
      { marks: thresholdMarks(thresholds), xRange: [lo, hi], yLabel: 'events', xLabel: label });
  }

  function feature(el) {
    var f = byName(stats.features, el.getAttribute('data-source'));
    var name = el.getAttribute('data-column');
    var col = null;
    (f ? f.columns : []).forEach(function (c) { if (c.column === name) { col = c; } });
    if (!col) { empty(el, 'No inputs.'); return; }
    draw(el, indices(col.bins.length), [
      { label: 'training', values: col.training, bars: true },
      { label: 'recent', values: col.recent, bars: true }
    ], { labels: col.bins, yLabel: 'share', xLabel: 'bin' });
  }

  function timeXs() {
    return stats.buckets.map(seconds);
  }

  function costCategory(el) {
    var rows = stats.cost_by_category.filter(function (r) { return r.currency !== '' && r.alerts_with_cost > 0; });
    var multi = rows.some(function (r) { return r.currency !== rows[0].currency; });
    draw(el, indices(rows.length), [{ label: 'estimated cost', values: rows.map(function (r) { return r.estimated_cost; }), bars: true }],
      { labels: rows.map(function (r) { return multi ? r.category + ' (' + r.currency + ')' : r.category; }),
        yLabel: rows.length && !multi ? rows[0].currency : 'cost', xLabel: 'category' });
  }

  function costTime(el) {
    var series = stats.cost_over_time.filter(function (s) { return s.currency !== ''; }).map(function (s) {
      return { label: s.currency, values: s.estimated_cost };
    });
    draw(el, timeXs(), series, { time: true, yLabel: 'estimated cost' });
  }

  function sla(el) {
    var states = ['met', 'breached', 'overdue', 'pending', 'no_sla'];
    var t = stats.sla;
    draw(el, indices(states.length), [{ label: 'alerts', values: states.map(function (k) { return t[k]; }), bars: true }],
      { labels: ['met', 'breached', 'overdue', 'pending', 'no SLA'], yLabel: 'alerts', xLabel: 'SLA' });
  }

  function actions(el) {
    var a = stats.actions;
    draw(el, indices(a.length), [{ label: 'alerts', values: a.map(function (r) { return r.alerts; }), bars: true }],
      { labels: a.map(function (r, i) { return '#' + (i + 1); }), yLabel: 'alerts', xLabel: 'action' });
  }

  function precision(el) {
    var p = stats.precision.over_time;
    draw(el, timeXs(), [{ label: 'precision', values: p.map(function (c) { return c.precision; }) }],
      { time: true, yRange: [0, 1], yLabel: 'precision' });
  }

  function volume(el) {
    var v = stats.alert_volume;
    var series = [{ label: 'all', values: v.total }];
    ['critical', 'high', 'medium'].forEach(function (s) {
      if (v.by_severity[s]) { series.push({ label: s, values: v.by_severity[s] }); }
    });
    draw(el, timeXs(), series, { time: true, yLabel: 'alerts' });
  }

  function drawAll() {
    drawAllNow();
    // the width the charts were last drawn at: the browser tests wait for it after a load or a resize
    document.documentElement.dataset.statsWidth = String(window.innerWidth);
  }

  function drawAllNow() {
    if (typeof uPlot === 'undefined') { return; }
    charts.forEach(function (c) { c.destroy(); });
    charts = [];
    document.querySelectorAll('.stats-chart').forEach(function (el) {
      switch (el.getAttribute('data-kind')) {
        case 'score': histogram(el, stats.score, 'score', 'score'); break;
        case 'risk': histogram(el, stats.risk, 'risk', 'risk'); break;
        case 'feature': feature(el); break;
        case 'cost-category': costCategory(el); break;
        case 'cost-time': costTime(el); break;
        case 'sla': sla(el); break;
        case 'actions': actions(el); break;
        case 'precision': precision(el); break;
        case 'volume': volume(el); break;
        default: break;
      }
    });
  }

  var timer = null;
  window.addEventListener('resize', function () {
    clearTimeout(timer);
    timer = setTimeout(drawAll, 200);
  });
  var toggle = document.getElementById('theme-toggle');
  if (toggle) { toggle.addEventListener('click', function () { setTimeout(drawAll, 0); }); }

  // for the browser tests: what each drawn chart plots
  window.sentinelStats = {
    charts: function () { return charts.length; },
    data: function (kind) {
      for (var i = 0; i < charts.length; i++) {
        if (charts[i].kind === kind) { return charts[i].data; }
      }
      return null;
    }
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', drawAll);
  } else {
    drawAll();
  }
})();
