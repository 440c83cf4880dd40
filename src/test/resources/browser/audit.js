// A page's accessibility faults that a machine can find: labels, names, language, unique ids, tab order and the
// contrast of text (WCAG 2 AA: 4.5:1, 3:1 for large text). Returns a list of sentences, empty when nothing is found.
return (function () {
  var problems = [];
  function describe(el) {
    var id = el.id ? '#' + el.id : '';
    var name = el.getAttribute('name') ? '[name=' + el.getAttribute('name') + ']' : '';
    var cls = el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '';
    return el.tagName.toLowerCase() + id + name + cls;
  }
  function visible(el) {
    var style = getComputedStyle(el);
    return style.display !== 'none' && style.visibility !== 'hidden' && el.getClientRects().length > 0;
  }
  function named(el) {
    return (el.getAttribute('aria-label') || '').trim() || el.getAttribute('aria-labelledby') ||
        (el.getAttribute('title') || '').trim() || (el.textContent || '').trim() ||
        el.querySelector('img[alt]:not([alt=""])');
  }
  if (!document.documentElement.lang) problems.push('html has no lang');
  if (!document.title.trim()) problems.push('the page has no title');
  document.querySelectorAll('input, select, textarea').forEach(function (el) {
    var type = (el.getAttribute('type') || '').toLowerCase();
    if (['hidden', 'submit', 'button', 'reset', 'image'].indexOf(type) >= 0 || !visible(el)) return;
    var labelled = (el.labels && el.labels.length > 0) || el.getAttribute('aria-label') ||
        el.getAttribute('aria-labelledby') || el.getAttribute('title');
    if (!labelled) problems.push('no label: ' + describe(el));
  });
  document.querySelectorAll('button, a[href], [role=button]').forEach(function (el) {
    if (visible(el) && !named(el)) problems.push('no accessible name: ' + describe(el));
  });
  document.querySelectorAll('img').forEach(function (el) {
    if (!el.hasAttribute('alt')) problems.push('image without alt: ' + describe(el));
  });
  var seen = {};
  document.querySelectorAll('[id]').forEach(function (el) {
    if (seen[el.id]) problems.push('duplicate id: ' + el.id);
    seen[el.id] = true;
  });
  document.querySelectorAll('[tabindex]').forEach(function (el) {
    if (parseInt(el.getAttribute('tabindex'), 10) > 0) problems.push('positive tabindex: ' + describe(el));
  });

  function rgba(text) {
    var m = text.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    var p = m[1].split(/[\s,\/]+/).filter(Boolean).map(parseFloat);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  }
  function luminance(c) {
    function ch(v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }
    return 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b);
  }
  function background(el) {
    // The first opaque background up the tree; a background image or gradient makes the check unreliable: skipped.
    for (var e = el; e; e = e.parentElement) {
      var style = getComputedStyle(e);
      if (style.backgroundImage && style.backgroundImage !== 'none') return null;
      var c = rgba(style.backgroundColor);
      if (c && c.a > 0.9) return c;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  }
  var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  var checked = new Set();
  while (walker.nextNode()) {
    var node = walker.currentNode;
    var el = node.parentElement;
    if (!el || checked.has(el) || !node.textContent.trim() || !visible(el)) continue;
    checked.add(el);
    if (el.closest('[aria-hidden=true], .leaflet-container, canvas, svg, option')) continue;
    var style = getComputedStyle(el);
    var fg = rgba(style.color), bg = background(el);
    if (!fg || !bg || parseFloat(style.opacity) < 1) continue;
    var l1 = luminance(fg), l2 = luminance(bg);
    var ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    var size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight, 10) >= 700;
    var needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < needed) {
      problems.push('contrast ' + ratio.toFixed(2) + ' < ' + needed + ': ' + describe(el) + ' "' +
          node.textContent.trim().slice(0, 30) + '"');
    }
  }
  return problems;
})();
