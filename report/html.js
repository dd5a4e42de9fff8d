// The report page's controls: search and filter the articles (and with
// them the passages they are in), sort the articles table, and open a
// passage a link leads to. The page reads whole without it.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var table = document.getElementById("article-table");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var passages = Array.prototype.slice.call(document.querySelectorAll("details.passage"));
  var search = document.getElementById("search");
  var source = document.getElementById("source");
  var since = document.getElementById("since");
  var until = document.getElementById("until");
  var shown = document.getElementById("shown");

  function filter() {
    var text = search.value.trim().toLowerCase(), src = source.value, from = since.value, to = until.value;
    var all = !text && !src && !from && !to;
    var keep = new Set(), articles = 0, kept = 0;
    rows.forEach(function (row) {
      var d = row.dataset, day = d.date;
      var ok = all || ((!text || d.text.indexOf(text) >= 0) && (!src || d.source === src) &&
        (!from || (day && day >= from)) && (!to || (day && day <= to)));
      row.hidden = !ok;
      if (ok) { keep.add(row.id); articles++; }
    });
    passages.forEach(function (p) {
      var ok = all || p.dataset.articles.split(" ").some(function (id) { return keep.has(id); });
      p.hidden = !ok;
      if (ok) kept++;
    });
    shown.textContent = all ? "" : articles + " of " + rows.length + " articles, " + kept + " of " + passages.length + " passages";
  }
  [search, source, since, until].forEach(function (el) { el.addEventListener("input", filter); });

  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  heads.forEach(function (th, i) {
    if (!th.dataset.sort) return;
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var descending = th.getAttribute("aria-sort") !== "descending";
      heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      var number = th.dataset.sort === "number";
      var key = function (row) { var c = row.cells[i]; return c.dataset.v !== undefined ? c.dataset.v : c.textContent; };
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var order = number ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
        return descending ? -order : order;
      });
      var sorted = document.createDocumentFragment();
      rows.forEach(function (row) { sorted.appendChild(row); });
      body.appendChild(sorted);
    });
  });

  function openTarget() {
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.tagName === "DETAILS") target.open = true;
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
