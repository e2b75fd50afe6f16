// Keyboard shortcuts of the calendar views: ← previous period, → next, T today (not while typing in a field).
document.addEventListener("keydown", (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  const target = event.target;
  if (target.closest("input, select, textarea, button, summary, [contenteditable]")) return;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  const link = document.querySelector(`[data-cal-key="${key}"]`);
  if (link) {
    event.preventDefault();
    link.click();
  }
});
