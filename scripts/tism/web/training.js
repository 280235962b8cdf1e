// The training pages of the site (tism.coursepages, tism.trainerpack); nothing on other pages.
// - The training matrix: the role filter shows only the requirements of standards for that role
//   and the courses for it, and marks a MUST requirement no course for that role teaches.
// - The unit self-assessment: adds up the score of each chapter as answers are ticked, and keeps
//   the answers and the worksheet in this browser (localStorage), so a unit can come back to it.
// Reads and writes only the page's own elements, and text (never HTML).
(function () {
  "use strict";

  function words(list) {
    return (list || "").split(" ").filter(Boolean);
  }

  function matrix(select) {
    function apply() {
      var role = select.value;
      document.querySelectorAll(".tism-matrix").forEach(function (table) {
        table.querySelectorAll("th[data-roles], td[data-roles]").forEach(function (cell) {
          cell.hidden = role !== "" && words(cell.dataset.roles).indexOf(role) < 0;
        });
        var visible = 0;
        table.querySelectorAll("tbody tr").forEach(function (row) {
          var show = role === "" || words(row.dataset.roles).indexOf(role) >= 0;
          row.hidden = !show;
          var mark = row.querySelector(".tism-gap-mark");
          var gap = role === "" ? row.classList.contains("tism-gap")
            : words(row.dataset.gapRoles).indexOf(role) >= 0;
          if (mark) mark.hidden = !gap;
          if (show) visible++;
        });
        var wrap = table.closest(".tism-matrix-wrap");
        var heading = wrap && wrap.previousElementSibling;
        if (wrap) wrap.hidden = visible === 0;
        if (heading && heading.tagName === "H2") heading.hidden = visible === 0;
      });
    }
    select.closest("p").hidden = false;
    select.addEventListener("change", apply);
    apply();
  }

  function assessment(root) {
    var key = "tism-self-assessment:" + document.documentElement.lang;
    var store = null;
    try { store = window.localStorage; store.getItem(key); } catch (e) { store = null; }
    var fields = root.querySelectorAll(".tism-sa-item input, .tism-sa-worksheet textarea, .tism-sa-worksheet input");

    function score() {
      var sums = {};
      root.querySelectorAll(".tism-sa-item").forEach(function (item) {
        var any = item.querySelector("input[type=radio]");
        if (!any) return;
        var chapter = any.dataset.chapter;
        var s = sums[chapter] || (sums[chapter] = { points: 0, answered: 0, counted: 0, items: 0 });
        s.items++;
        var ticked = item.querySelector("input[type=radio]:checked");
        if (!ticked) return;
        s.answered++;
        if (ticked.value !== "na") { s.points += Number(ticked.value); s.counted++; }
      });
      Object.keys(sums).forEach(function (chapter) {
        var s = sums[chapter];
        var answered = root.querySelector('[data-tism-sa-answered="' + chapter + '"]');
        var result = root.querySelector('[data-tism-sa-score="' + chapter + '"]');
        if (answered) answered.textContent = s.answered + " / " + s.items;
        if (result) result.textContent = s.counted ? Math.round(100 * s.points / (2 * s.counted)) + " %" : "–";
      });
    }

    function save() {
      if (!store) return;
      var saved = {};
      fields.forEach(function (field) {
        if (field.type === "radio") { if (field.checked) saved[field.name] = field.value; }
        else if (field.value) saved[field.name] = field.value;
      });
      try { store.setItem(key, JSON.stringify(saved)); } catch (e) { /* full or refused: keep going */ }
    }

    function restore() {
      if (!store) return;
      var saved;
      try { saved = JSON.parse(store.getItem(key) || "{}"); } catch (e) { saved = {}; }
      fields.forEach(function (field) {
        if (!Object.prototype.hasOwnProperty.call(saved, field.name)) return;
        if (field.type === "radio") field.checked = field.value === String(saved[field.name]);
        else field.value = String(saved[field.name]);
      });
    }

    restore();
    score();
    root.addEventListener("change", function () { score(); save(); });
    root.addEventListener("input", save);
    var tools = root.querySelector(".tism-sa-tools");
    if (tools) tools.hidden = false;
    var kept = root.querySelector("[data-tism-sa-kept]");
    if (kept && store) kept.hidden = false;
    var saveButton = root.querySelector("[data-tism-sa-save]");
    if (saveButton) saveButton.addEventListener("click", function () { download(root); });
    var clear = root.querySelector("[data-tism-sa-clear]");
    if (clear) clear.addEventListener("click", function () {
      fields.forEach(function (field) { if (field.type === "radio") field.checked = false; else field.value = ""; });
      if (store) store.removeItem(key);
      score();
    });
  }

  // The answers, scores and worksheet as a CSV file (UTF-8 with a byte-order mark, so spreadsheet
  // programs show Bengali), for the unit's records or its district: a row per question (item,
  // chapter, answer, question), then per chapter (score, chapter, score, answered), the four
  // worksheet boxes (worksheet, "", text, box) and each action filled in (action, its four cells).
  function download(root) {
    var text = function (element) { return element ? element.textContent.trim() : ""; };
    // Quoted; and text that a spreadsheet would read as a formula (= + - @ first) starts with '.
    var cell = function (value) {
      var plain = String(value);
      if (/^[=+\-@]/.test(plain)) plain = "'" + plain;
      return '"' + plain.replace(/"/g, '""') + '"';
    };
    var rows = [["item", "chapter", "answer", "question"]];
    root.querySelectorAll(".tism-sa-item").forEach(function (item) {
      var ticked = item.querySelector("input[type=radio]:checked");
      var legend = item.querySelector("legend");
      var code = legend && legend.querySelector("code");
      var question = text(legend).slice(code ? text(code).length : 0).trim();
      var any = item.querySelector("input[type=radio]");
      rows.push([item.id, any ? any.dataset.chapter : "", ticked ? text(ticked.parentElement) : "", question]);
    });
    root.querySelectorAll(".tism-sa-scores tbody tr").forEach(function (row) {
      var cells = row.querySelectorAll("th, td");
      rows.push(["score", row.dataset.chapter, text(cells[2]), text(cells[1])]);
    });
    root.querySelectorAll(".tism-swot-box").forEach(function (box) {
      rows.push(["worksheet", "", box.querySelector("textarea").value, text(box.querySelector("label"))]);
    });
    root.querySelectorAll(".tism-sa-actions tbody tr").forEach(function (row) {
      var values = [].map.call(row.querySelectorAll("input"), function (input) { return input.value; });
      if (values.some(Boolean)) rows.push(["action"].concat(values));
    });
    var csv = "\ufeff" + rows.map(function (row) { return row.map(cell).join(","); }).join("\r\n") + "\r\n";
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    link.download = "self-assessment-" + document.documentElement.lang + "-" +
      new Date().toISOString().slice(0, 10) + ".csv";
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function start() {
    var select = document.querySelector("[data-tism-role-filter]");
    if (select) matrix(select);
    if (document.querySelector(".tism-sa-item")) assessment(document.querySelector(".md-content") || document.body);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
