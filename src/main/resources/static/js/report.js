// The monthly report's print button: the page's own print stylesheet leaves out everything but the report.
(function () {
  'use strict';
  var button = document.getElementById('rp-print');
  if (button) {
    button.addEventListener('click', function () { window.print(); });
  }
})();
