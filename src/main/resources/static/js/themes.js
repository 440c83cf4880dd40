// The effect of a monthly theme: requests per week in its clusters, before the theme started and after, as bars.
// The data comes in data-* attributes of the chart element; without scripts the table beside it remains.
(function () {
  'use strict';
  function draw() {
    var element = document.getElementById('th-chart');
    if (!element || !window.echarts) {
      return;
    }
    var weeks = (element.getAttribute('data-weeks') || '').split('|').filter(function (w) { return w; });
    var counts = (element.getAttribute('data-counts') || '').split('|').map(function (c) { return Number(c) || 0; });
    var before = Number(element.getAttribute('data-before-weeks')) || 0;
    var labels = (element.getAttribute('data-labels') || '|').split('|');
    var chart = window.echarts.init(element, null, {renderer: 'canvas'});
    chart.setOption({
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
      legend: {data: labels},
      grid: {left: 8, right: 16, bottom: 8, containLabel: true},
      xAxis: {type: 'category', data: weeks},
      yAxis: {type: 'value', minInterval: 1},
      series: [
        {
          name: labels[0],
          type: 'bar',
          stack: 'requests',
          itemStyle: {color: '#9aa5b1'},
          data: counts.map(function (c, i) { return i < before ? c : null; })
        },
        {
          name: labels[1],
          type: 'bar',
          stack: 'requests',
          itemStyle: {color: '#1f5f8b'},
          data: counts.map(function (c, i) { return i >= before ? c : null; })
        }
      ]
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
