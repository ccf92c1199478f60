"use strict";
// slant's page script: the hit panel, linked sentence pairs, sortable
// index. It reads only the page's own elements and writes text with
// textContent, never as HTML.
(function () {
  var tip = document.getElementById("tip");
  var rules = new Map();
  document.querySelectorAll("tr[data-rule]").forEach(function (row) {
    var text = function (cls) {
      var cell = row.querySelector(cls);
      return cell ? cell.textContent : "";
    };
    rules.set(row.dataset.rule, { message: text(".msg"), suggestion: text(".sug") });
  });
  var VOICE = {
    authorial: "In the writer's own voice: counts fully.",
    reported: "In a source's reported speech: counts less.",
    quoted: "Inside a quotation: counts less."
  };

  function line(cls, label, text) {
    var p = document.createElement("p");
    p.className = cls;
    if (label) {
      var b = document.createElement("b");
      b.textContent = label;
      p.append(b, " ");
    }
    p.append(text);
    return p;
  }

  var shown = null;
  function show(mark) {
    var rule = rules.get(mark.dataset.rule) || { message: "", suggestion: "" };
    tip.replaceChildren(line("tip-rule", "", mark.dataset.rule + " · " + mark.dataset.category));
    if (rule.message) tip.append(line("tip-msg", "", rule.message));
    if (rule.suggestion) tip.append(line("tip-sug", "Instead:", rule.suggestion));
    var voice = VOICE[mark.dataset.voice] || "";
    if (mark.hasAttribute("data-negated")) voice += " In a negated clause: counts half.";
    tip.append(line("tip-voice", "", voice));
    tip.hidden = false;
    shown = mark;
    var r = mark.getBoundingClientRect();
    var width = tip.offsetWidth, height = tip.offsetHeight;
    var left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - width - 8));
    var top = r.bottom + 6;
    if (top + height > window.innerHeight && r.top - height - 6 > 0) top = r.top - height - 6;
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = top + window.scrollY + "px";
  }
  function hide() {
    tip.hidden = true;
    shown = null;
  }

  function link(sentence, on) {
    if (!sentence || !sentence.dataset.pair) return;
    sentence.dataset.pair.split(" ").forEach(function (k) {
      document.querySelectorAll('.s[data-pair~="' + k + '"]').forEach(function (s) {
        s.classList.toggle("linked", on);
      });
    });
  }

  function enter(e) {
    var mark = e.target.closest("mark.hit");
    if (mark) show(mark);
    link(e.target.closest(".s"), true);
  }
  function leave(e) {
    var mark = e.target.closest("mark.hit");
    if (mark && mark === shown && mark !== document.activeElement) hide();
    link(e.target.closest(".s"), false);
  }
  document.addEventListener("mouseover", enter);
  document.addEventListener("mouseout", leave);
  document.addEventListener("focusin", enter);
  document.addEventListener("focusout", function (e) {
    if (e.target.closest("mark.hit") === shown) hide();
    link(e.target.closest(".s"), false);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") hide();
  });

  document.addEventListener("click", function (e) {
    var mark = e.target.closest("mark.hit");
    if (mark) {
      // A tap on a touch screen: show, and keep it shown.
      mark.focus();
      show(mark);
      return;
    }
    var jump = e.target.closest("a.pl");
    if (jump) {
      // Line the partner up with this sentence in the other column.
      var target = document.getElementById(jump.getAttribute("href").slice(1));
      var from = jump.closest(".s");
      var column = target && target.closest(".text");
      if (!target || !from || !column) return;
      e.preventDefault();
      column.scrollTop += target.getBoundingClientRect().top - from.getBoundingClientRect().top;
      target.focus({ preventScroll: true });
      return;
    }
    var button = e.target.closest("button[data-sort]");
    if (button) sortBy(button);
  });

  function sortBy(button) {
    var th = button.closest("th");
    var table = th.closest("table");
    var col = Array.prototype.indexOf.call(th.parentNode.children, th);
    var numeric = button.dataset.sort === "num";
    var down = th.getAttribute("aria-sort") !== "descending";
    table.querySelectorAll("thead th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", down ? "descending" : "ascending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[col].dataset.v, y = b.cells[col].dataset.v;
      var c = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
      return down ? -c : c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
})();
