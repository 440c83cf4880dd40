// The rankings page's trend charts: each peer group's composite scores month by month, one line per unit, drawn with
// ECharts from the data attribute of its own element. The same numbers are in the table beside each chart.
(function () {
  'use strict';

  if (!window.echarts) {
    return;
  }
  var rtl = document.documentElement.getAttribute('dir') === 'rtl';
  var palette = ['#1f5f8b', '#2f7d4f', '#a86200', '#b8322a', '#6b4c9a', '#3b8ea5', '#7a6a2f', '#5d6b7a'];

  Array.prototype.forEach.call(document.querySelectorAll('.rk-trend[data-trend]'), function (element) {
    var trend;
    try {
      trend = JSON.parse(element.getAttribute('data-trend'));
    } catch (e) {
      return;
    }
    var chart = window.echarts.init(element, null, {renderer: 'canvas'});
    window.addEventListener('resize', function () { chart.resize(); });
    chart.setOption({
      animation: false,
      color: palette,
      grid: {left: 40, right: 20, top: 40, bottom: 30},
      legend: {type: 'scroll', top: 0},
      tooltip: {trigger: 'axis', renderMode: 'richText',
        valueFormatter: function (v) { return v == null ? '—' : v.toFixed(1); }},
      xAxis: {type: 'category', data: trend.months, inverse: rtl},
      yAxis: {type: 'value', min: 0, max: 100},
      series: trend.lines.map(function (line) {
        return {type: 'line', name: line.unitName, data: line.scores, connectNulls: true, symbolSize: 5};
      })
    });
  });
})();
