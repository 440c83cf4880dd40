// The resident pages' behaviours. Everything here only adds to forms that work without it.
(function () {
  'use strict';

  function markChosenCategory() {
    var select = document.getElementById('categoryCode');
    if (!select) return;
    document.querySelectorAll('.rs-cat').forEach(function (chip) {
      chip.setAttribute('aria-pressed', chip.dataset.code === select.value ? 'true' : 'false');
    });
  }

  document.addEventListener('click', function (event) {
    var chip = event.target.closest && event.target.closest('.rs-cat');
    if (!chip) return;
    // Without scripts the chip posts the form back with the category chosen; with them it just chooses.
    event.preventDefault();
    var select = document.getElementById('categoryCode');
    if (select) {
      select.value = chip.dataset.code;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }
    markChosenCategory();
  });

  document.addEventListener('change', function (event) {
    if (event.target && event.target.id === 'categoryCode') markChosenCategory();
  });

  document.addEventListener('htmx:afterSwap', markChosenCategory);

  function setupMap() {
    var box = document.getElementById('rs-map');
    if (!box || typeof L === 'undefined') return;
    var block = box.closest('.rs-map-block');
    block.hidden = false;
    var picked = document.getElementById('rs-map-picked');
    var lat = document.getElementById('latitude');
    var lon = document.getElementById('longitude');
    var community = document.getElementById('communityId');
    var map = L.map(box, { attributionControl: false, zoomSnap: 0.25 });
    if (box.dataset.tiles) {
      L.tileLayer(box.dataset.tiles, { maxZoom: 18 }).addTo(map);
    }
    var marker = null;
    var chosen = null;

    function put(latlng) {
      if (marker) marker.setLatLng(latlng);
      else marker = L.circleMarker(latlng, { radius: 8, color: '#b3261e', weight: 3, fillOpacity: 0.9 }).addTo(map);
    }

    fetch(box.dataset.areas, { headers: { Accept: 'application/geo+json, application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (collection) {
        var features = (collection.features || []).filter(function (f) {
          var kind = f.properties && f.properties.kind;
          return kind === 'COMMUNITY' || kind === 'VILLAGE';
        });
        var layer = L.geoJSON({ type: 'FeatureCollection', features: features }, {
          style: function () { return { color: '#1d5a9c', weight: 1, fillColor: '#7fb1e3', fillOpacity: 0.35 }; },
          onEachFeature: function (feature, shape) {
            shape.bindTooltip(feature.properties.name, { sticky: true });
            shape.on('click', function (e) {
              L.DomEvent.stopPropagation(e);
              if (chosen) chosen.setStyle({ fillColor: '#7fb1e3', fillOpacity: 0.35 });
              chosen = shape;
              shape.setStyle({ fillColor: '#e0a21b', fillOpacity: 0.55 });
              put(e.latlng);
              lat.value = e.latlng.lat.toFixed(6);
              lon.value = e.latlng.lng.toFixed(6);
              var id = String(feature.properties.id);
              if (community && community.querySelector('option[value="' + id + '"]')) community.value = id;
              picked.textContent = box.dataset.picked.replace('%NAME%', feature.properties.name);
            });
          }
        }).addTo(map);
        if (features.length) map.fitBounds(layer.getBounds());
        map.on('click', function () { picked.textContent = box.dataset.outside; });
      })
      .catch(function () { block.hidden = true; });
  }

  function start() {
    document.querySelectorAll('.rs-nojs').forEach(function (el) { el.hidden = true; });
    markChosenCategory();
    setupMap();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
