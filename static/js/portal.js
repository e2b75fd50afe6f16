// Small progressive enhancements; every page works without JavaScript.
document.documentElement.classList.add("js");

// On a phone a table becomes a stack of cards (portal.css, .table--stack): each cell is labelled with the header of
// its column, unless the template labelled it already. The month grid has a layout of its own; brochure content
// tables, and any marked data-keep-table, scroll within themselves instead.
function stackTables(root) {
  root.querySelectorAll(".main table").forEach((table) => {
    if (table.classList.contains("cal-month") || table.closest(".brochure-body, [data-keep-table]")) {
      return;
    }
    const head = table.tHead;
    if (!head || !head.rows.length) {
      return;
    }
    const labels = [];
    for (const cell of head.rows[head.rows.length - 1].cells) {
      const text = cell.textContent.replace(/\s+/g, " ").trim();
      for (let span = 0; span < cell.colSpan; span += 1) {
        labels.push(text);
      }
    }
    const rows = [...table.tBodies].flatMap((body) => [...body.rows]).concat(table.tFoot ? [...table.tFoot.rows] : []);
    rows.forEach((row) => {
      let column = 0;
      for (const cell of row.cells) {
        if (cell.tagName === "TD" && !cell.hasAttribute("data-label") && labels[column]) {
          cell.setAttribute("data-label", labels[column]);
        }
        column += cell.colSpan;
      }
    });
    table.classList.add("table--stack");
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector("[data-nav-toggle]");
  const nav = document.getElementById("site-nav");
  if (toggle && nav) {
    toggle.addEventListener("click", () => {
      const open = nav.classList.toggle("is-open");
      toggle.setAttribute("aria-expanded", String(open));
    });
  }
  // The user's menu closes on a click elsewhere or on Escape, as menus do.
  const userMenu = document.querySelector("[data-user-menu]");
  if (userMenu) {
    document.addEventListener("click", (event) => {
      if (userMenu.open && !userMenu.contains(event.target)) {
        userMenu.open = false;
      }
    });
    userMenu.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && userMenu.open) {
        userMenu.open = false;
        userMenu.querySelector("summary").focus();
      }
    });
  }
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
  });
  stackTables(document);
});
