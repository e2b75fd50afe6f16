// The request form: "Add a line" appends an empty resource line without a round trip (without JavaScript,
// saving the draft gives a new empty line).
(() => {
  "use strict";
  document.addEventListener("DOMContentLoaded", () => {
    const button = document.querySelector("[data-add-line]");
    const template = document.querySelector("[data-line-template]");
    const end = document.querySelector("[data-lines-end]");
    const total = document.querySelector('input[name="lines-TOTAL_FORMS"]');
    if (!button || !template || !end || !total) return;
    const max = parseInt(button.dataset.maxLines, 10) || 30;
    const hint = document.querySelector("[data-no-js-hint]");
    if (hint) hint.hidden = true;
    button.hidden = false;
    const update = () => {
      button.disabled = (parseInt(total.value, 10) || 0) >= max;
    };
    button.addEventListener("click", () => {
      const index = parseInt(total.value, 10) || 0;
      if (index >= max) return;
      const html = template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__number__/g, String(index + 1));
      end.insertAdjacentHTML("beforebegin", html);
      total.value = String(index + 1);
      const added = end.previousElementSibling;
      const first = added && added.querySelector("select, input, textarea");
      if (first) first.focus();
      update();
    });
    update();
  });
})();
