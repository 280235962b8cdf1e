/* The search box of the manual (templates/partials/search.html): every keystroke runs TismEngine
 * (engine.js) over window.TISM_SEARCH_DATA (search-data.js) and draws the ranked standards, each
 * element carrying its standard's ID as data-id, in rank order. Enter opens the first result.
 * Text from the data is always set as text, never as HTML. */
(function () {
  "use strict";

  function label(box, name) { return box.getAttribute("data-label-" + name) || ""; }

  function snippet(text) {  // the engine marks matched words between \u0002 and \u0003
    var fragment = document.createDocumentFragment();
    text.split(/(\u0002[^\u0003]*\u0003)/).forEach(function (part) {
      if (part.charAt(0) === "\u0002") {
        var mark = document.createElement("mark");
        mark.textContent = part.slice(1, -1);
        fragment.appendChild(mark);
      } else if (part) {
        fragment.appendChild(document.createTextNode(part));
      }
    });
    return fragment;
  }

  function link(base, hit, query) {  // a requirement's own ID opens the page at that requirement
    var requirement = /^[A-Za-z]{2}-\d{3}\.\d{2}$/.test(query.trim()) && hit.requirements.length ? hit.requirements[0] : "";
    return base + "/standards/" + hit.id + ".html" + (requirement ? "#" + requirement : "");
  }

  function draw(box, results) {
    var list = box.querySelector(".tism-search__results"), meta = box.querySelector(".tism-search__meta");
    var base = box.getAttribute("data-base"), lang = box.getAttribute("data-lang");
    list.textContent = "";
    var lines = [];
    if (results.corrected) lines.push(label(box, "searched-for") + ": " + results.searched_for);
    lines.push(results.hits.length ? results.hits.length + " " + label(box, "results") : label(box, "none"));
    meta.textContent = lines.join(" · ");
    results.hits.forEach(function (hit) {
      var item = document.createElement("li");
      item.className = "md-search-result__item tism-result";
      item.setAttribute("data-id", hit.id);
      var a = document.createElement("a");
      a.className = "md-search-result__link";
      a.href = link(base, hit, results.query);
      var head = document.createElement("h2");
      var id = document.createElement("span");
      id.className = "tism-result__id";
      id.textContent = hit.id;
      head.appendChild(id);
      head.appendChild(document.createTextNode(" " + (hit.titles[lang] || hit.titles[Object.keys(hit.titles)[0]])));
      a.appendChild(head);
      if (hit.requirements.length) {
        var matched = document.createElement("p");
        matched.className = "tism-result__requirements";
        matched.textContent = label(box, "matches") + ": " + hit.requirements.slice(0, 6).join(", ");
        a.appendChild(matched);
      }
      var text = document.createElement("p");
      text.className = "tism-result__snippet";
      text.appendChild(snippet(hit.snippet));
      a.appendChild(text);
      item.appendChild(a);
      list.appendChild(item);
    });
  }

  function run(box) {
    var input = box.querySelector(".tism-search__input"), chapter = box.querySelector(".tism-search__chapter");
    var data = window.TISM_SEARCH_DATA, query = input.value;
    if (!data || !window.TismEngine || !query.trim()) {
      box.querySelector(".tism-search__results").textContent = "";
      box.querySelector(".tism-search__meta").textContent = "";
      return null;
    }
    var results;
    try {
      results = window.TismEngine.search(data, query, { lang: box.getAttribute("data-lang"), chapter: chapter.value || null });
    } catch (error) {
      if (!(error instanceof window.TismEngine.SearchError)) throw error;
      box.querySelector(".tism-search__results").textContent = "";
      box.querySelector(".tism-search__meta").textContent = error.message;
      return null;
    }
    draw(box, results);
    performance.mark("tism-search-drawn");
    return results;
  }

  function start() {
    var box = document.querySelector("[data-tism-search]");
    if (!box) return;
    var input = box.querySelector(".tism-search__input"), toggle = document.getElementById("__search");
    input.addEventListener("input", function () { performance.mark("tism-search-typed"); run(box); });
    box.querySelector(".tism-search__chapter").addEventListener("change", function () { run(box); });
    box.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      var first = box.querySelector(".tism-result a");
      if (first) window.location.href = first.href;
    });
    if (toggle) {
      toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
    }
    // The engine and the data load while the page is read (async, tism.pages.SCRIPTS): what was
    // typed before they arrived is searched when they do.
    document.querySelectorAll("script[src]").forEach(function (script) {
      if (/\/(engine|search-data)\.js$/.test(script.src)) script.addEventListener("load", function () { run(box); });
    });
    document.addEventListener("keydown", function (event) {
      var typing = /^(input|textarea|select)$/i.test((event.target || {}).tagName || "");
      if (!typing && (event.key === "/" || event.key === "s") && toggle) {
        event.preventDefault();
        toggle.checked = true;
        input.focus();
      } else if (event.key === "Escape" && toggle && toggle.checked) {
        toggle.checked = false;
        input.blur();
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
