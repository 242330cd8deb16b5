// Connector pages: copy buttons and focus on what needs attention. Everything works without this file:
// copy buttons stay hidden (the text is selectable), and the page reads top to bottom.
(function () {
  'use strict';

  function textOf(element) {
    return element.tagName === 'INPUT' || element.tagName === 'TEXTAREA' ? element.value : element.textContent;
  }

  function announce(button, message) {
    var status = button.parentElement.querySelector('.copy-status');
    if (!status) {
      status = document.createElement('span');
      status.className = 'copy-status visually-hidden';
      status.setAttribute('role', 'status');
      button.parentElement.appendChild(status);
    }
    status.textContent = message;
  }

  function setUpCopyButton(button) {
    var target = document.getElementById(button.getAttribute('data-copy-target'));
    if (!target || !navigator.clipboard || !window.isSecureContext) return;
    var label = button.innerHTML;
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(textOf(target).trim()).then(function () {
        button.textContent = 'Copied';
        announce(button, 'Copied to the clipboard');
        setTimeout(function () { button.innerHTML = label; }, 2000);
      }, function () {
        announce(button, 'Could not copy: select the text and copy it by hand');
        if (target.select) target.select();
      });
    });
  }

  document.querySelectorAll('[data-copy-target]').forEach(setUpCopyButton);

  var first = document.querySelector('[data-focus-on-load]');
  if (first) first.focus();
})();
