/**
 * The script report.html runs in the browser (plain ES2017, no modules): it reads the report from the
 * `report-data` element and draws each `[data-chart]` element with ECharts. A chart whose data is empty says so
 * and is marked `data-empty`; a drawn chart is marked `data-rendered` once ECharts has finished, which the
 * Chromium test waits for. Kept as text here so the HTML needs no second file.
 */
export const CHART_SCRIPT = String.raw`
(function () {
  'use strict';
  var report = JSON.parse(document.getElementById('report-data').textContent);
  var series = report.series;
  var COLORS = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4', '#ea7ccc', '#2f4554', '#61a0a8', '#d48265', '#749f83', '#ca8622', '#bda29a', '#6e7074'];
  var STATE_COLORS = { planned: '#c7ccd6', launched: '#b6a2de', registered: '#9a60b4', created: '#b6a2de', discovering: '#73c0de', insufficient: '#fac858', 'pending-for-input': '#fc8452', known: '#5470c6', ready: '#5470c6', disconnected: '#6e7074', 'preparing-for-installation': '#61a0a8', 'preparing-successful': '#3ba272', installing: '#ca8622', 'installing-in-progress': '#d48265', finalizing: '#d48265', installed: '#91cc75', error: '#ee6666', cancelled: '#bda29a', frozen: '#2f4554', died: '#000000', 'gave-up': '#c23531' };

  function fmtMs(v) {
    if (v === null || v === undefined || !isFinite(v)) return '–';
    var a = Math.abs(v);
    if (a < 10) return v.toFixed(2) + 'ms';
    if (a < 1000) return Math.round(v) + 'ms';
    if (a < 60000) return (v / 1000).toFixed(1) + 's';
    if (a < 3600000) return Math.floor(v / 60000) + 'm' + ('0' + Math.floor((a % 60000) / 1000)).slice(-2) + 's';
    return Math.floor(v / 3600000) + 'h' + ('0' + Math.floor((a % 3600000) / 60000)).slice(-2) + 'm';
  }
  function times() {
    var out = [];
    for (var i = 0; i < series.points; i++) out.push(series.start + i * series.bucketMs + series.bucketMs);
    return out;
  }
  var xs = series.start === null ? [] : times();
  function pairs(values) {
    return values.map(function (v, i) { return [xs[i], v]; });
  }
  function anyValue(values) {
    return values.some(function (v) { return v !== null && v !== 0; });
  }
  function timeAxis() {
    return { type: 'time', axisLabel: { hideOverlap: true } };
  }
  function base(extra) {
    var option = {
      animation: false,
      useUTC: true,
      color: COLORS,
      grid: { left: 70, right: 40, top: 50, bottom: 60, containLabel: true },
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }]
    };
    for (var k in extra) option[k] = extra[k];
    return option;
  }
  function statusChart(statuses) {
    var names = Object.keys(statuses);
    if (!names.length || !xs.length) return null;
    return base({
      xAxis: timeAxis(),
      yAxis: { type: 'value', name: 'count', minInterval: 1 },
      series: names.map(function (name) {
        return { name: name, type: 'line', stack: 'all', areaStyle: {}, symbol: 'none', step: 'end', color: STATE_COLORS[name], data: pairs(statuses[name]) };
      })
    });
  }
  function trendBars(rows) {
    if (!rows.length) return null;
    var keys = ['p50', 'p90', 'p95', 'p99', 'max'];
    return base({
      dataZoom: undefined,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: fmtMs },
      grid: { left: 10, right: 40, top: 40, bottom: 20, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: fmtMs } },
      yAxis: { type: 'category', inverse: true, data: rows.map(function (r) { return r.label; }) },
      series: keys.map(function (key) {
        return { name: key, type: 'bar', data: rows.map(function (r) { return r.values[key]; }) };
      })
    });
  }

  var builders = {
    'host-statuses': function () { return statusChart(series.hostStatuses); },
    'cluster-statuses': function () { return statusChart(series.clusterStatuses); },
    throughput: function () {
      var t = series.throughput;
      if (!xs.length || !(anyValue(t.registered) || anyValue(t.known) || anyValue(t.installed))) return null;
      return base({
        xAxis: timeAxis(),
        yAxis: { type: 'value', name: 'hosts / min' },
        series: ['registered', 'known', 'installed'].map(function (name) {
          return { name: name, type: 'line', symbol: 'none', step: 'end', data: pairs(t[name]) };
        })
      });
    },
    durations: function () {
      var rows = [];
      Object.keys(report.metrics).forEach(function (key) {
        var m = report.metrics[key];
        if (m.type === 'trend' && /^(host|cluster)\./.test(key) && key.indexOf('host.stage.') !== 0 && m.values.count) rows.push({ label: key, values: m.values });
      });
      return trendBars(rows);
    },
    stages: function () {
      return trendBars(report.stages.filter(function (s) { return s.durationMs.count; }).map(function (s) { return { label: s.stage, values: s.durationMs }; }));
    },
    'http-latency': function () {
      var h = series.http;
      if (!xs.length || !anyValue(h.requestsPerSecond)) return null;
      return base({
        tooltip: { trigger: 'axis' },
        xAxis: timeAxis(),
        yAxis: [
          { type: 'value', name: 'latency', axisLabel: { formatter: fmtMs } },
          { type: 'value', name: 'requests/s', splitLine: { show: false } }
        ],
        series: [
          { name: 'requests/s', type: 'bar', yAxisIndex: 1, itemStyle: { opacity: 0.35 }, data: pairs(h.requestsPerSecond) },
          { name: 'errors/s', type: 'bar', yAxisIndex: 1, color: '#ee6666', data: pairs(h.errorsPerSecond) },
          { name: 'p50', type: 'line', symbol: 'none', connectNulls: false, data: pairs(h.p50Ms) },
          { name: 'p95', type: 'line', symbol: 'none', connectNulls: false, data: pairs(h.p95Ms) },
          { name: 'p99', type: 'line', symbol: 'none', connectNulls: false, data: pairs(h.p99Ms) }
        ]
      });
    },
    endpoints: function () {
      return trendBars(report.endpoints.slice(0, 15).map(function (e) { return { label: e.endpoint, values: e.latencyMs }; }));
    },
    'clusters-gantt': function () {
      var items = report.clusters.items;
      if (!items.length) return null;
      var end = series.points * series.bucketMs;
      var segments = [
        { name: 'created → ready', from: 'createdMs', to: 'readyMs', color: '#73c0de' },
        { name: 'ready → installing', from: 'readyMs', to: 'installingMs', color: '#fac858' },
        { name: 'installing → finalizing', from: 'installingMs', to: 'finalizingMs', color: '#d48265' },
        { name: 'finalizing → installed', from: 'finalizingMs', to: 'installedMs', color: '#91cc75' }
      ];
      var rows = items.map(function (c) {
        var at = c.createdMs !== null ? c.createdMs : 0;
        var row = { offset: at, parts: [], failed: 0, running: 0 };
        segments.forEach(function (s) {
          var to = c[s.to];
          if (to !== null && to >= at) { row.parts.push(to - at); at = to; } else row.parts.push(0);
        });
        if (c.outcome === 'failed') row.failed = Math.max(0, (c.endedMs !== null ? c.endedMs : end) - at);
        else if (c.outcome !== 'installed') row.running = Math.max(0, end - at);
        return row;
      });
      var el = document.querySelector('[data-chart="clusters-gantt"]');
      el.style.height = Math.max(260, items.length * 16 + 90) + 'px';
      var bars = [{ name: 'offset', type: 'bar', stack: 'c', silent: true, itemStyle: { color: 'transparent' }, data: rows.map(function (r) { return r.offset; }) }];
      segments.forEach(function (s, i) {
        bars.push({ name: s.name, type: 'bar', stack: 'c', color: s.color, data: rows.map(function (r) { return r.parts[i]; }) });
      });
      bars.push({ name: 'failed', type: 'bar', stack: 'c', color: '#ee6666', data: rows.map(function (r) { return r.failed; }) });
      bars.push({ name: 'in progress', type: 'bar', stack: 'c', color: '#c7ccd6', data: rows.map(function (r) { return r.running; }) });
      return base({
        dataZoom: undefined,
        legend: { top: 0, data: segments.map(function (s) { return s.name; }).concat(['failed', 'in progress']) },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: fmtMs },
        grid: { left: 10, right: 40, top: 40, bottom: 20, containLabel: true },
        xAxis: { type: 'value', axisLabel: { formatter: fmtMs } },
        yAxis: { type: 'category', inverse: true, data: items.map(function (c) { return c.name; }) },
        series: bars
      });
    },
    baseline: function () {
      var b = report.baseline;
      if (!b) return null;
      var rows = b.comparisons.filter(function (c) { return c.deltaRatio !== null; });
      if (!rows.length) return null;
      return base({
        dataZoom: undefined,
        legend: { show: false },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: function (v) { return v.toFixed(1) + '%'; } },
        grid: { left: 10, right: 40, top: 20, bottom: 20, containLabel: true },
        xAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
        yAxis: { type: 'category', inverse: true, data: rows.map(function (c) { return c.aggregation + '(' + c.metric + ')'; }) },
        series: [{
          name: 'change', type: 'bar',
          data: rows.map(function (c) {
            var worse = c.better === 'lower' ? c.deltaRatio > 0 : c.deltaRatio < 0;
            return { value: Math.round(c.deltaRatio * 1000) / 10, itemStyle: { color: c.regression ? '#ee6666' : worse ? '#fac858' : '#91cc75' } };
          })
        }]
      });
    }
  };

  var nodes = document.querySelectorAll('[data-chart]');
  Array.prototype.forEach.call(nodes, function (el) {
    var id = el.getAttribute('data-chart');
    if (typeof echarts === 'undefined') {
      el.setAttribute('data-empty', 'true');
      el.className += ' empty';
      el.textContent = 'Charts unavailable: the charting library was not found when this report was written.';
      return;
    }
    var option = builders[id] ? builders[id]() : null;
    if (!option) {
      el.setAttribute('data-empty', 'true');
      el.className += ' empty';
      el.textContent = 'No data for this chart.';
      return;
    }
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.on('finished', function () { el.setAttribute('data-rendered', 'true'); });
    chart.setOption(option);
    window.addEventListener('resize', function () { chart.resize(); });
  });
})();
`
