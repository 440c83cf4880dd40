// The results of a survey as a stacked bar chart, drawn from the table beside it; without scripts the table remains.
(function () {
  'use strict';
  function draw() {
    var element = document.getElementById('sv-chart');
    if (!element || !window.echarts) {
      return;
    }
    var rows = Array.prototype.slice.call(document.querySelectorAll('#sv-items tr.sv-item'));
    var labels = (element.getAttribute('data-labels') || '||').split('|');
    var keys = ['satisfied', 'basically', 'dissatisfied'];
    var colours = ['#2e7d32', '#f9a825', '#c62828'];
    var chart = window.echarts.init(element, null, {renderer: 'canvas'});
    chart.setOption({
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
      legend: {data: labels},
      grid: {left: 8, right: 16, bottom: 8, containLabel: true},
      xAxis: {type: 'category', data: rows.map(function (r) { return r.getAttribute('data-item'); })},
      yAxis: {type: 'value', minInterval: 1},
      series: keys.map(function (key, i) {
        return {
          name: labels[i],
          type: 'bar',
          stack: 'answers',
          itemStyle: {color: colours[i]},
          data: rows.map(function (r) { return Number(r.getAttribute('data-' + key)) || 0; })
        };
      })
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
