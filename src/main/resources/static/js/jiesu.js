// Jiesu's few behaviours, kept out of the pages: the Content-Security-Policy runs no inline script.

document.addEventListener('click', function (event) {
  // "Back" links lead home without scripts, and back where the person came from with them.
  var link = event.target.closest && event.target.closest('[data-history-back]');
  if (link && window.history.length > 1) {
    event.preventDefault();
    window.history.back();
  }
});
