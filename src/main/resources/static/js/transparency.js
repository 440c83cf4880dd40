// The public transparency page's charts (ECharts), drawn from numbers already in the page: the trend from data
// attributes, the bars from the tables beside them. Without this script the tables still say everything.
(function () {
  'use strict';

  if (!window.echarts) {
    return;
  }
  var rtl = document.documentElement.getAttribute('dir') === 'rtl';
  var accent = '#1f5f8b';

  function chart(element) {
    var instance = window.echarts.init(element, null, {renderer: 'canvas'});
    window.addEventListener('resize', function () { instance.resize(); });
    return instance;
  }

  var trend = document.getElementById('tp-trend');
  if (trend) {
    var months = (trend.getAttribute('data-months') || '').split(',');
    var counts = (trend.getAttribute('data-counts') || '').split(',').map(Number);
    chart(trend).setOption({
      animation: false,
      grid: {left: 40, right: 16, top: 16, bottom: 28},
      tooltip: {trigger: 'axis', renderMode: 'richText'},
      xAxis: {type: 'category', data: months, inverse: rtl},
      yAxis: {type: 'value', minInterval: 1, position: rtl ? 'right' : 'left'},
      series: [{type: 'bar', name: trend.getAttribute('data-label'), data: counts, itemStyle: {color: accent}}]
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('.tp-bars'), function (element) {
    var table = document.getElementById(element.getAttribute('data-table'));
    if (!table) {
      return;
    }
    var rows = Array.prototype.slice.call(table.querySelectorAll('tbody tr'));
    chart(element).setOption({
      animation: false,
      grid: {left: 110, right: 16, top: 8, bottom: 24},
      tooltip: {trigger: 'axis', renderMode: 'richText'},
      xAxis: {type: 'value', minInterval: 1, inverse: rtl},
      yAxis: {type: 'category', inverse: true, position: rtl ? 'right' : 'left',
        data: rows.map(function (r) { return r.getAttribute('data-label'); })},
      series: [{type: 'bar', data: rows.map(function (r) { return Number(r.getAttribute('data-count')); }),
        itemStyle: {color: accent}}]
    });
  });
})();

// Each hot issue's last twelve weeks as a small line; the numbers beside it stay for screen readers.
(function () {
  'use strict';

  if (!window.echarts) {
    return;
  }
  Array.prototype.forEach.call(document.querySelectorAll('.tp-spark'), function (element) {
    var weeks = (element.getAttribute('data-weeks') || '').split(',').map(Number);
    var instance = window.echarts.init(element, null, {renderer: 'canvas'});
    instance.setOption({
      animation: false,
      grid: {left: 2, right: 2, top: 4, bottom: 2},
      xAxis: {type: 'category', show: false, data: weeks.map(function (w, i) { return i; }),
        inverse: document.documentElement.getAttribute('dir') === 'rtl'},
      yAxis: {type: 'value', show: false, min: 0},
      series: [{type: 'line', data: weeks, smooth: true, symbol: 'none',
        lineStyle: {color: '#a86200', width: 2}, areaStyle: {color: 'rgba(168,98,0,.15)'}}]
    });
    element.parentNode.classList.add('tp-drawn');
  });
})();
