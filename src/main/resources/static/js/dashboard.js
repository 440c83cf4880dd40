// The supervisor dashboard's charts (ECharts) and map (Leaflet), drawn from /dashboard/data. Every number is also
// in the page as a link and a table, so without this script nothing is lost but the pictures.
(function () {
  'use strict';

  var config = document.getElementById('db-config');
  if (!config) {
    return;
  }
  var rtl = document.documentElement.getAttribute('dir') === 'rtl';
  var accent = '#1f5f8b';
  var palette = ['#1f5f8b', '#2f7d4f', '#a86200', '#b8322a', '#6b4c9a', '#3b8ea5', '#7a6a2f', '#5d6b7a'];

  function drill(params) {
    var url = config.getAttribute('data-drill');
    Object.keys(params).forEach(function (key) {
      var value = encodeURIComponent(params[key]);
      var pattern = new RegExp('([?&])' + key + '=[^&]*');
      url = pattern.test(url) ? url.replace(pattern, '$1' + key + '=' + value)
        : url + (url.indexOf('?') < 0 ? '?' : '&') + key + '=' + value;
    });
    return url;
  }

  function chart(id) {
    var element = document.getElementById(id);
    if (!element || !window.echarts) {
      return null;
    }
    var instance = window.echarts.init(element, null, {renderer: 'canvas'});
    window.addEventListener('resize', function () { instance.resize(); });
    return instance;
  }

  function sparklines(trends) {
    trends.forEach(function (trend) {
      var spark = chart('spark-' + trend.metric);
      if (!spark) {
        return;
      }
      spark.setOption({
        animation: false,
        grid: {left: 4, right: 4, top: 6, bottom: 4},
        xAxis: {type: 'category', data: trend.months, show: false, inverse: rtl},
        yAxis: {type: 'value', min: 0, max: 100, show: false},
        tooltip: {trigger: 'axis', renderMode: 'richText', valueFormatter: function (v) { return v == null ? '—' : v + '%'; }},
        series: [{type: 'line', data: trend.percent, smooth: true, connectNulls: true, symbolSize: 5,
          lineStyle: {color: accent, width: 2}, itemStyle: {color: accent}, areaStyle: {color: 'rgba(31,95,139,.12)'}}]
      });
    });
  }

  function bars(id, items, link, horizontal) {
    var instance = chart(id);
    if (!instance) {
      return;
    }
    var labels = items.map(function (b) { return b.label; });
    var values = items.map(function (b) { return b.count; });
    var category = {type: 'category', data: labels, inverse: horizontal ? true : rtl, axisLabel: {width: 110, overflow: 'truncate'}};
    var value = {type: 'value', minInterval: 1, inverse: horizontal && rtl};
    instance.setOption({
      animation: false,
      color: palette,
      grid: {left: horizontal ? 120 : 40, right: 20, top: 10, bottom: 30, containLabel: false},
      tooltip: {trigger: 'axis', renderMode: 'richText'},
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: [{type: 'bar', data: values, itemStyle: {color: accent}, label: {show: true, position: horizontal ? 'right' : 'top'}}]
    });
    instance.on('click', function (event) {
      window.location.href = link(items[event.dataIndex]);
    });
  }

  function volumes(v) {
    var day = chart('chart-day');
    if (day) {
      day.setOption({
        animation: false,
        grid: {left: 40, right: 20, top: 10, bottom: 30},
        tooltip: {trigger: 'axis', renderMode: 'richText'},
        xAxis: {type: 'category', data: v.byDay.map(function (d) { return d.day; }), inverse: rtl},
        yAxis: {type: 'value', minInterval: 1},
        series: [{type: 'bar', data: v.byDay.map(function (d) { return d.count; }), itemStyle: {color: accent}}]
      });
      day.on('click', function (event) {
        var d = v.byDay[event.dataIndex];
        if (d.count > 0) {
          window.location.href = drill({metric: 'volume', bucket: d.day});
        }
      });
    }
    bars('chart-category', v.byCategory, function (b) { return drill({metric: 'volume', outcome: b.key}); }, true);
    bars('chart-unit', v.byUnit, function (b) { return drill({metric: 'volume', unit: b.key}); }, true);
  }

  function map(data) {
    var element = document.getElementById('db-map');
    if (!element || !window.L) {
      return;
    }
    var L = window.L;
    var m = L.map(element, {preferCanvas: false, attributionControl: false, zoomSnap: 0.25});
    var tiles = element.getAttribute('data-tile-url');
    if (tiles) {
      L.tileLayer(tiles, {maxZoom: 18}).addTo(m);
    }
    var areas = L.geoJSON({type: 'FeatureCollection', features: data.areas.map(function (a) {
      return {type: 'Feature', geometry: a.geometry, properties: {name: a.name, outline: a.outline, unitId: a.unitId}};
    })}, {
      style: function (feature) {
        return feature.properties.outline
          ? {color: '#b8322a', weight: 2, fill: false, dashArray: '4 3'}
          : {color: accent, weight: 1.2, fillColor: accent, fillOpacity: 0.06};
      },
      onEachFeature: function (feature, layer) {
        layer.bindTooltip(feature.properties.name, {sticky: true});
        if (!feature.properties.outline) {
          layer.on('click', function () {
            window.location.href = drill({metric: 'volume', unit: feature.properties.unitId});
          });
        }
      }
    });
    // Leaflet draws vectors only once the map has a view: frame the areas first, then add them.
    var bounds = areas.getBounds();
    if (bounds.isValid()) {
      m.fitBounds(bounds, {padding: [10, 10]});
    } else {
      m.setView([44.2, 87.6], 8);
    }
    areas.addTo(m);
    var orders = config.getAttribute('data-orders');
    data.points.forEach(function (p) {
      L.circleMarker([p.latitude, p.longitude], {radius: 5, color: '#fff', weight: 1, fillColor: '#b8322a', fillOpacity: 0.9})
        .bindTooltip('#' + p.orderId)
        .on('click', function () { window.location.href = orders + p.orderId; })
        .addTo(m);
    });
  }

  function start() {
    fetch(config.getAttribute('data-url'), {headers: {'Accept': 'application/json'}, credentials: 'same-origin'})
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (data) {
        document.body.classList.add('db-drawn');
        sparklines(data.trends);
        volumes(data.volumes);
        map(data);
      })
      .catch(function (error) {
        document.body.classList.add('db-failed');
        document.body.setAttribute('data-db-error', String(error && error.message ? error.message : error));
      });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
