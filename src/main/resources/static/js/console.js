// The operator console and the unit workbench: keyboard shortcuts, live countdowns, htmx details.
// Loaded with defer from the console's pages; the Content-Security-Policy runs no inline script.
(function () {
  'use strict';
  if (window.jiesuConsole) {
    return; // pages swapped in by htmx bring the script tag again
  }
  window.jiesuConsole = true;

  // ---------------------------------------------------------------- keyboard (documented on the page)
  document.addEventListener('keydown', function (event) {
    var form = document.getElementById('cs-entry');
    if (!form) {
      return;
    }
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      submitWith(form, document.getElementById('cs-save-dispatch'));
    } else if (event.altKey && event.code === 'KeyQ') {
      event.preventDefault();
      submitWith(form, document.getElementById('cs-save-queue'));
    } else if (event.altKey && /^Digit[1-3]$/.test(event.code)) {
      var picks = document.querySelectorAll('.cs-pick');
      var pick = picks[Number(event.code.slice(5)) - 1];
      if (pick) {
        event.preventDefault();
        pick.click();
      }
    }
  });

  function submitWith(form, button) {
    if (form.requestSubmit) {
      form.requestSubmit(button || undefined);
    } else if (button) {
      button.click();
    } else {
      form.submit();
    }
  }

  // A suggested category chosen by click or Alt+1/2/3 goes into the category field.
  document.addEventListener('click', function (event) {
    var pick = event.target.closest && event.target.closest('.cs-pick');
    if (!pick) {
      return;
    }
    var select = document.getElementById('categoryCode');
    if (select) {
      select.value = pick.getAttribute('data-category');
      select.dispatchEvent(new Event('change', { bubbles: true }));
      document.querySelectorAll('.cs-pick').forEach(function (b) { b.classList.remove('is-chosen'); });
      pick.classList.add('is-chosen');
    }
  });

  // ---------------------------------------------------------------- countdowns
  function remaining(seconds, units) {
    var s = Math.abs(seconds);
    var d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    if (d > 0) { return d + units[0] + ' ' + h + units[1]; }
    if (h > 0) { return h + units[1] + ' ' + m + units[2] + ' ' + sec + units[3]; }
    return m + units[2] + ' ' + sec + units[3];
  }

  function tick() {
    var now = Date.now();
    document.querySelectorAll('.cs-due[data-deadline]').forEach(function (due) {
      var clock = due.closest('.cs-clock');
      if (!clock) {
        return;
      }
      var deadline = Date.parse(due.getAttribute('data-deadline'));
      var warnAt = Date.parse(due.getAttribute('data-warn-at'));
      if (isNaN(deadline)) {
        return;
      }
      var left = Math.floor((deadline - now) / 1000);
      var level = left < 0 ? 'overdue' : (due.classList.contains('cs-due-warning') || now >= warnAt ? 'warning' : 'ok');
      if (due.classList.contains('cs-due-overdue')) {
        level = 'overdue'; // the server knows better, e.g. a signing limit missed
      }
      var units = clock.getAttribute('data-units').split(',');
      var template = clock.getAttribute(level === 'overdue' ? 'data-over' : 'data-left');
      var time = due.querySelector('.cs-due-time');
      if (time) {
        time.textContent = template.replace('{0}', remaining(left, units));
      }
      var label = due.querySelector('.cs-due-label');
      if (label) {
        label.textContent = clock.getAttribute('data-' + level + '-label') || '';
      }
      ['ok', 'warning', 'overdue'].forEach(function (l) { due.classList.toggle('cs-due-' + l, l === level); });
      var row = due.closest('tr');
      if (row) {
        ['ok', 'warning', 'overdue'].forEach(function (l) { row.classList.toggle('cs-row-' + l, l === level); });
      }
    });
  }
  tick();
  setInterval(tick, 1000);

  // ---------------------------------------------------------------- htmx
  // A form refused with field errors answers 400 or 422 with the page and its messages: show it.
  document.addEventListener('htmx:beforeSwap', function (event) {
    var status = event.detail.xhr.status;
    if (status === 400 || status === 422) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  // After an action the page says what happened: move focus there so screen readers and keyboards follow.
  document.addEventListener('htmx:afterSettle', function () {
    tick();
    var done = document.getElementById('cs-done') || document.getElementById('cs-action-error');
    if (done && document.getElementById('cs-order')) {
      done.setAttribute('tabindex', '-1');
      done.focus();
    }
  });
})();
