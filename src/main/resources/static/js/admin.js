// Admin pages: the area map (Leaflet over our own GeoJSON, tiles only when configured) and focus on an import report.
(function () {
  'use strict';

  var COLOURS = { PREFECTURE: '#1f5f8b', COUNTY: '#2e7d5b', STREET: '#8a5a00', TOWNSHIP: '#8a5a00',
    COMMUNITY: '#6b3fa0', VILLAGE: '#6b3fa0', GRID: '#b0303a' };
  var WEIGHTS = { PREFECTURE: 3, COUNTY: 2.5, STREET: 2, TOWNSHIP: 2, COMMUNITY: 1.5, VILLAGE: 1.5, GRID: 1 };

  function drawMap(el) {
    if (!window.L) { return; }
    var highlight = (el.getAttribute('data-highlight') || '').split(' ').filter(Boolean);
    var map = L.map(el, { attributionControl: false, zoomSnap: 0.25 });
    var tiles = el.getAttribute('data-tile-url');
    if (tiles) { L.tileLayer(tiles, { maxZoom: 19 }).addTo(map); }
    fetch(el.getAttribute('data-src'), { headers: { Accept: 'application/geo+json, application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (collection) {
        var marked = [];
        var layer = L.geoJSON(collection, {
          style: function (f) {
            var kind = f.properties && f.properties.kind;
            var hot = highlight.indexOf(f.properties && f.properties.code) >= 0;
            return {
              color: hot ? '#d4380d' : (COLOURS[kind] || '#555'),
              weight: hot ? 4 : (WEIGHTS[kind] || 1),
              fillOpacity: hot ? 0.35 : 0.05,
              className: hot ? 'ad-area ad-imported' : 'ad-area'
            };
          },
          onEachFeature: function (f, l) {
            if (f.properties) {
              l.bindTooltip(f.properties.name + ' (' + f.properties.code + ')');
              if (highlight.indexOf(f.properties.code) >= 0) { marked.push(l); }
            }
          }
        }).addTo(map);
        var bounds = marked.length ? L.featureGroup(marked).getBounds() : layer.getBounds();
        if (bounds.isValid()) { map.fitBounds(marked.length ? bounds.pad(2) : bounds, { padding: [16, 16] }); } else { map.setView([44, 87], 7); }
        el.setAttribute('data-drawn', String(collection.features ? collection.features.length : 0));
        el.setAttribute('data-highlighted', String(marked.length));
      })
      .catch(function () { el.setAttribute('data-drawn', 'error'); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var map = document.getElementById('area-map');
    if (map) { drawMap(map); }
    var report = document.getElementById('report');
    if (report) { report.focus(); }
  });
})();
