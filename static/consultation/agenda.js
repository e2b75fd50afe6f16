/* The agenda editor: "up" and "down" move an item without reloading the page (the forms post by fetch() and the
   list is reordered from the answer); without JavaScript the same forms post and the page reloads. */
(function () {
  "use strict";

  function renumber(list) {
    list.querySelectorAll("[data-item]").forEach(function (item, index) {
      var number = item.querySelector("[data-number]");
      if (number) { number.textContent = (index + 1) + "."; }
    });
  }

  function apply(list, order) {
    var items = {};
    list.querySelectorAll("[data-item]").forEach(function (item) { items[item.getAttribute("data-item")] = item; });
    order.forEach(function (id) {
      var item = items[String(id)];
      if (item) { list.appendChild(item); }
    });
    renumber(list);
  }

  function announce(text) {
    var status = document.querySelector("[data-agenda-status]");
    if (status) { status.textContent = text; }
  }

  function setUp(list) {
    list.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.hasAttribute("data-move")) { return; }
      event.preventDefault();
      var item = form.closest("[data-item]");
      var button = form.querySelector("button");
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { "Accept": "application/json" },
        credentials: "same-origin"
      }).then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      }).then(function (answer) {
        if (!answer.ok) { throw new Error(answer.data.detail || ""); }
        apply(list, answer.data.order);
        list.querySelectorAll(".is-moved").forEach(function (other) { other.classList.remove("is-moved"); });
        item.classList.add("is-moved");
        var position = Array.prototype.indexOf.call(list.querySelectorAll("[data-item]"), item) + 1;
        announce(list.getAttribute("data-moved-message").replace("%(position)s", position));
        if (button) { button.focus(); }
      }).catch(function (error) {
        announce(error.message || list.getAttribute("data-failed-message"));
      });
    });
  }

  document.querySelectorAll("[data-agenda]").forEach(setUp);
})();
