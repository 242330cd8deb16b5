// Allowlist editor: a filter over the long list of removal checkboxes. The form works without it.
(() => {
  const filter = document.getElementById('allowlist-filter');
  const entries = document.getElementById('allowlist-entries');
  if (!filter || !entries) return;
  filter.hidden = false;
  filter.addEventListener('input', () => {
    const needle = filter.value.trim().toLowerCase();
    for (const item of entries.querySelectorAll('li[data-email]')) {
      // A ticked entry stays visible so a pending removal is never hidden from view.
      const ticked = item.querySelector('input[type=checkbox]')?.checked;
      item.hidden = needle !== '' && !ticked && !item.dataset.email.includes(needle);
    }
  });
})();
