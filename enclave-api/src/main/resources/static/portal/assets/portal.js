// Enclave portal: progressive enhancement only. Every page works without this file.
(function () {
  'use strict';

  // Forms and buttons with data-confirm ask before an action that cannot be undone.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var submitter = event.submitter;
    var message = (submitter && submitter.getAttribute('data-confirm')) || form.getAttribute('data-confirm');
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });

  // The skip link moves focus to the main region (some browsers only scroll).
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a.skip-link');
    if (link) {
      var main = document.getElementById('main');
      if (main) {
        main.focus();
      }
    }
  });

  // SDC cells: Escape moves focus back to the table, hiding the reasons tooltip.
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && document.activeElement && document.activeElement.classList.contains('sdc-cell')) {
      document.activeElement.blur();
    }
  });
})();
