// The event form: show the fields that matter for the choices made (the partner countries of an event shared with
// chosen partners, the details of a repetition). Without JavaScript every field shows, and the server ignores
// those that do not apply.
(function () {
  const form = document.querySelector(".event-form");
  if (!form) return;
  const blocks = form.querySelectorAll("[data-shows-for]");

  function value(name) {
    const field = form.elements.namedItem(name);
    return field ? field.value : "";
  }

  function update() {
    blocks.forEach((block) => {
      const [name, values] = block.dataset.showsFor.split(":");
      block.hidden = !values.split(",").includes(value(name));
    });
  }

  form.addEventListener("change", update);
  update();
})();
