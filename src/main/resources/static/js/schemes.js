// The scheme form: each sum that must reach 100 is shown as it is typed, next to its fieldset; the server still checks.
(function () {
  'use strict';

  function sum(form, selector) {
    var total = 0;
    var fine = true;
    form.querySelectorAll(selector).forEach(function (input) {
      var v = input.value.trim();
      if (v === '') { return; }
      if (!/^\d+$/.test(v)) { fine = false; return; }
      total += parseInt(v, 10);
    });
    return fine ? total : NaN;
  }

  function show(form) {
    form.querySelectorAll('[data-sum]').forEach(function (out) {
      var total = sum(form, out.getAttribute('data-sum'));
      out.textContent = (isNaN(total) ? '?' : total) + ' / 100';
      out.classList.toggle('sc-sum-ok', total === 100);
      out.classList.toggle('sc-sum-off', total !== 100);
    });
  }

  function init() {
    document.querySelectorAll('form.sc-form').forEach(function (form) {
      show(form);
      form.addEventListener('input', function () { show(form); });
    });
  }

  document.addEventListener('DOMContentLoaded', init);
  // Rows added or removed by htmx change the sum too.
  document.addEventListener('htmx:afterSettle', function () {
    document.querySelectorAll('form.sc-form').forEach(show);
  });
})();
