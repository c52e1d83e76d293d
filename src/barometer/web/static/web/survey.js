// Move focus to the error summary so that screen readers announce it, and let its links
// move focus to the question they name.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (!summary) {
    return;
  }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) {
      return;
    }
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (target) {
      event.preventDefault();
      target.focus();
      target.scrollIntoView({ block: "center" });
    }
  });
});

// Skip logic in the page: show and hide questions as the respondent answers, with the
// conditions the server sent as parse trees (logic.js evaluates them as the server does).
// Without this script the server does the same on saving the page. Hidden answers stay in
// the form and are kept by the server until the questionnaire is submitted; a change that
// hides questions already answered is announced (#hides-warning).
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("survey-form");
  var logic = window.BarometerLogic;
  if (!form || !logic) {
    return;
  }
  var context = JSON.parse(document.getElementById("logic-context").textContent);
  var elsewhere = JSON.parse(document.getElementById("logic-elsewhere").textContent);
  var warning = document.getElementById("hides-warning");
  var shownField = form.querySelector("input[name='shown']");
  var items = Array.prototype.map.call(form.querySelectorAll("[data-q]"), function (el) {
    var cond = el.getAttribute("data-cond");
    return { el: el, name: el.getAttribute("data-q"), cond: cond ? JSON.parse(cond) : null };
  });

  function parseNumber(text, type) {
    var s = text.replace(/ /g, "");
    if (type === "integer") {
      return /^[+-]?\d(?:_?\d)*$/.test(s) ? Number(s.replace(/_/g, "")) : null;
    }
    s = s.replace(/,/g, ".");
    return /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/.test(s)
      ? Number(s.replace(/_/g, ""))
      : null;
  }

  // The answer as the server would store it (null: unanswered).
  function valueOf(item) {
    var el = item.el;
    if (el.classList.contains("note")) {
      return null;
    }
    var boxes = el.querySelectorAll("input[type='checkbox']:checked");
    if (el.querySelector("input[type='checkbox']")) {
      var list = Array.prototype.map.call(boxes, function (b) {
        return b.value;
      });
      return list.length ? list : null;
    }
    if (el.querySelector("input[type='radio']")) {
      var radio = el.querySelector("input[type='radio']:checked");
      return radio ? radio.value : null;
    }
    var input = el.querySelector("textarea, input[type='text']");
    var text = input ? input.value.replace(/\r\n/g, "\n").trim() : "";
    if (!text) {
      return null;
    }
    var type = el.getAttribute("data-type");
    if (type) {
      var number = parseNumber(text, type);
      return number === null ? text : number;
    }
    return text;
  }

  // Which questions apply given the form now, in questionnaire order (a hidden question's
  // answer counts for nothing further on, as on the server).
  function evaluate() {
    var answers = Object.assign({}, context);
    var page = items.map(function (item) {
      var shown = !item.cond || logic.checkAll(item.cond, answers);
      var value = valueOf(item);
      if (shown && value !== null) {
        answers[item.name] = value;
      }
      return { shown: shown, answered: value !== null };
    });
    var other = elsewhere.map(function (e) {
      var shown = logic.checkAll(e.conditions, answers);
      if (!shown) {
        delete answers[e.name];
      }
      return shown;
    });
    return { page: page, other: other };
  }

  var initial = evaluate();

  function update() {
    var now = evaluate();
    var hides = 0;
    var names = [];
    items.forEach(function (item, i) {
      item.el.hidden = !now.page[i].shown;
      if (now.page[i].shown && !item.el.classList.contains("note")) {
        names.push(item.name);
      }
      if (initial.page[i].shown && !now.page[i].shown && now.page[i].answered) {
        hides += 1;
      }
    });
    elsewhere.forEach(function (e, i) {
      if (initial.other[i] && !now.other[i]) {
        hides += 1;
      }
    });
    shownField.value = names.join(" ");
    if (hides === 0) {
      warning.hidden = true;
      warning.textContent = "";
    } else {
      var text = hides === 1 ? warning.getAttribute("data-one") : warning.getAttribute("data-many");
      warning.textContent = text.replace("{n}", String(hides));
      warning.hidden = false;
    }
  }

  form.addEventListener("change", update);
  form.addEventListener("input", update);
  update();
});
