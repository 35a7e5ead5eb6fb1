// The dashboard's only script (the Content-Security-Policy allows no inline script): CSRF header
// on htmx requests, the theme toggle, SLA countdowns and the uPlot charts. Pages pass data in
// data-* attributes; nothing here builds HTML from data.
(function () {
  'use strict';

  function csrfToken() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.getAttribute('content') : '';
  }

  // every htmx request carries the session's CSRF token (the server checks it on POST)
  document.addEventListener('htmx:configRequest', function (e) {
    e.detail.headers['X-CSRF-Token'] = csrfToken();
  });

  // a request whose session ended: go to the sign-in page
  document.addEventListener('htmx:responseError', function (e) {
    if (e.detail.xhr && e.detail.xhr.status === 401) {
      window.location.assign('/login');
    }
  });

  function systemDark() {
    return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
  }

  function currentTheme() {
    var t = document.documentElement.getAttribute('data-theme');
    return t || (systemDark() ? 'dark' : 'light');
  }

  function setupThemeToggle() {
    var b = document.getElementById('theme-toggle');
    if (!b) {
      return;
    }
    var label = function () {
      b.setAttribute('aria-pressed', currentTheme() === 'dark' ? 'true' : 'false');
    };
    label();
    b.addEventListener('click', function () {
      var next = currentTheme() === 'dark' ? 'light' : 'dark';
      document.documentElement.setAttribute('data-theme', next);
      try {
        localStorage.setItem('sentinel-theme', next);
      } catch (e) { /* not kept */ }
      label();
      drawCharts();
    });
  }

  function duration(ms) {
    var s = Math.floor(ms / 1000);
    if (s < 60) { return s + ' s'; }
    var m = Math.floor(s / 60);
    if (m < 60) { return m + ' min'; }
    var h = Math.floor(m / 60);
    if (h < 48) { return h + ' h ' + String(m % 60).padStart(2, '0') + ' min'; }
    return Math.floor(h / 24) + ' d ' + (h % 24) + ' h';
  }

  // SLA countdowns: the server renders the text; this keeps it current without a reload
  function tickSla() {
    var now = Date.now();
    document.querySelectorAll('.sla[data-deadline]').forEach(function (el) {
      if (el.getAttribute('data-status') === 'resolved') { return; }
      var deadline = Number(el.getAttribute('data-deadline'));
      var sla = el.getAttribute('data-sla');
      var left = deadline - now;
      el.textContent = left >= 0 ? duration(left) + ' left of ' + sla + ' min' : 'breached ' + duration(-left) + ' ago';
      el.classList.toggle('breached', left < 0);
      el.classList.toggle('running', left >= 0);
    });
  }

  var charts = [];

  function cssVar(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  // uPlot charts: <div class="chart" data-chart='{"x":[...], "series":[{"label":..,"values":[..]}], "y":"risk"}'>
  function drawCharts() {
    drawChartsNow();
    // the width the charts were last drawn at: the browser tests wait for it after a load or a resize
    document.documentElement.dataset.chartsWidth = String(window.innerWidth);
  }

  function drawChartsNow() {
    if (typeof uPlot === 'undefined') { return; }
    charts.forEach(function (c) { c.destroy(); });
    charts = [];
    document.querySelectorAll('.chart[data-chart]').forEach(function (el) {
      var spec;
      try { spec = JSON.parse(el.getAttribute('data-chart')); } catch (e) { return; }
      el.textContent = '';
      var colors = [cssVar('--chart-1'), cssVar('--chart-2'), cssVar('--chart-3')];
      var axis = { stroke: cssVar('--fg'), grid: { stroke: cssVar('--grid') }, ticks: { stroke: cssVar('--grid') } };
      var opts = {
        width: Math.max(280, el.clientWidth),
        height: 240,
        scales: { x: { time: true } },
        axes: [axis, Object.assign({ label: spec.y || '' }, axis)],
        series: [{}].concat(spec.series.map(function (s, i) {
          return { label: s.label, stroke: colors[i % colors.length], width: 2, points: { show: true } };
        }))
      };
      var data = [spec.x].concat(spec.series.map(function (s) { return s.values; }));
      charts.push(new uPlot(opts, data, el));
    });
  }

  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(drawCharts, 200);
  });

  document.addEventListener('DOMContentLoaded', function () {
    setupThemeToggle();
    tickSla();
    setInterval(tickSla, 15000);
    drawCharts();
  });
  document.addEventListener('htmx:afterSwap', tickSla);

  // for the pages of other parts of the dashboard that add charts after a swap
  window.sentinelCharts = { redraw: drawCharts };
})();
