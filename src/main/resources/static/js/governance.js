// The hot-issue pages' pictures: the map of cluster centres over the county areas (Leaflet) and a cluster's weekly
// volume (ECharts). Every number is also in the page as text, so without this script only the pictures are lost.
(function () {
  'use strict';

  var accent = '#1f5f8b';

  function map(element) {
    if (!window.L) {
      return;
    }
    var L = window.L;
    fetch(element.getAttribute('data-url'), {headers: {'Accept': 'application/json'}, credentials: 'same-origin'})
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (data) {
        var m = L.map(element, {attributionControl: false, zoomSnap: 0.25});
        var tiles = element.getAttribute('data-tile-url');
        if (tiles) {
          L.tileLayer(tiles, {maxZoom: 18}).addTo(m);
        }
        var areas = L.geoJSON({type: 'FeatureCollection', features: data.areas.map(function (a) {
          return {type: 'Feature', geometry: a.geometry, properties: {name: a.name, outline: a.outline}};
        })}, {
          style: function (feature) {
            return feature.properties.outline
              ? {color: '#b8322a', weight: 2, fill: false, dashArray: '4 3'}
              : {color: accent, weight: 1.2, fillColor: accent, fillOpacity: 0.06};
          },
          onEachFeature: function (feature, layer) {
            layer.bindTooltip(feature.properties.name, {sticky: true});
          }
        });
        var bounds = areas.getBounds();
        if (bounds.isValid()) {
          m.fitBounds(bounds, {padding: [10, 10]});
        } else {
          m.setView([44.2, 87.6], 8);
        }
        areas.addTo(m);
        var base = element.getAttribute('data-cluster');
        data.clusters.forEach(function (c) {
          L.circleMarker([c.latitude, c.longitude], {
            radius: Math.min(30, 4 + 3 * Math.sqrt(c.size)), color: '#fff', weight: 1, fillColor: '#b8322a', fillOpacity: 0.75
          })
            .bindTooltip(c.title + ' (' + c.size + ')')
            .on('click', function () { window.location.href = base + c.id; })
            .addTo(m);
        });
      })
      .catch(function () { element.classList.add('hot-map-failed'); });
  }

  function chart(element) {
    if (!window.echarts) {
      return;
    }
    var weeks = (element.getAttribute('data-weeks') || '').split(',');
    var counts = (element.getAttribute('data-counts') || '').split(',').map(Number);
    var instance = window.echarts.init(element, null, {renderer: 'canvas'});
    window.addEventListener('resize', function () { instance.resize(); });
    instance.setOption({
      animation: false,
      grid: {left: 40, right: 20, top: 10, bottom: 30},
      tooltip: {trigger: 'axis', renderMode: 'richText'},
      xAxis: {type: 'category', data: weeks, inverse: document.documentElement.getAttribute('dir') === 'rtl'},
      yAxis: {type: 'value', minInterval: 1},
      series: [{type: 'bar', name: element.getAttribute('data-label'), data: counts, itemStyle: {color: accent}}]
    });
  }

  function start() {
    var m = document.getElementById('hot-map');
    if (m) {
      map(m);
    }
    var c = document.getElementById('hot-chart');
    if (c) {
      chart(c);
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
