// The browser's evaluator of the questionnaire's skip logic. It walks the parse trees the
// server sends (barometer.questionnaire.logic.to_json) and follows logic.py's evaluate()
// step for step: XPath 1.0 as ODK applies it, an unanswered question is the empty string.
// It never parses expression text, so the grammar is the server's. The server stays the
// authority: it checks every answer again when the page is saved.
(function (global) {
  "use strict";

  // Python's float() syntax for the ASCII strings it accepts (digits with single
  // underscores, an optional fraction and exponent, inf/infinity/nan).
  var FLOAT = /^[+-]?(?:(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?|inf|infinity|nan)$/i;
  // Python's str.split() / str.strip() whitespace (ASCII and common Unicode spaces).
  var SPACE = "[\\s\\x1c-\\x1f\\x85]";
  var SPLIT = new RegExp(SPACE + "+");
  var STRIP = new RegExp("^" + SPACE + "+|" + SPACE + "+$", "g");

  function isList(v) {
    return Array.isArray(v);
  }

  function valueOf(raw) {
    if (raw === null || raw === undefined) {
      return "";
    }
    if (typeof raw === "boolean" || typeof raw === "number") {
      return raw;
    }
    if (isList(raw)) {
      return raw.map(String);
    }
    return String(raw);
  }

  // repr() of a float as Python writes it.
  function floatString(v) {
    if (Number.isInteger(v)) {
      return BigInt(v).toString();
    }
    if (Number.isNaN(v)) {
      return "nan";
    }
    if (!Number.isFinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    var a = Math.abs(v);
    if (a < 1e-4 || a >= 1e16) {
      var parts = v.toExponential().split("e");
      var exp = parts[1];
      var sign = exp.charAt(0) === "-" ? "-" : "+";
      var digits = exp.replace(/^[+-]/, "");
      if (digits.length < 2) {
        digits = "0" + digits;
      }
      return parts[0] + "e" + sign + digits;
    }
    return String(v);
  }

  function asString(v) {
    if (isList(v)) {
      return v.join(" ");
    }
    if (typeof v === "boolean") {
      return v ? "true" : "false";
    }
    if (typeof v === "number") {
      return floatString(v);
    }
    return v;
  }

  function asList(v) {
    if (isList(v)) {
      return v;
    }
    if (typeof v === "boolean") {
      return v ? ["true"] : [];
    }
    if (typeof v === "number") {
      return [asString(v)];
    }
    return v.split(SPLIT).filter(function (s) {
      return s.length > 0;
    });
  }

  function asNumber(v) {
    if (typeof v === "boolean") {
      return v ? 1 : 0;
    }
    if (typeof v === "number") {
      return v;
    }
    var s = asString(v).replace(STRIP, "");
    if (!FLOAT.test(s)) {
      return NaN;
    }
    var lower = s.toLowerCase().replace(/^[+-]/, "");
    if (lower === "nan") {
      return NaN;
    }
    if (lower === "inf" || lower === "infinity") {
      return s.charAt(0) === "-" ? -Infinity : Infinity;
    }
    return Number(s.replace(/_/g, ""));
  }

  function asBool(v) {
    if (typeof v === "boolean") {
      return v;
    }
    if (typeof v === "number") {
      return !(v === 0 || Number.isNaN(v));
    }
    return v.length > 0;
  }

  function compare(op, a, b) {
    if (typeof a === "boolean" || typeof b === "boolean") {
      var ba = asBool(a);
      var bb = asBool(b);
      if (op === "=") {
        return ba === bb;
      }
      if (op === "!=") {
        return ba !== bb;
      }
      return compare(op, ba ? 1 : 0, bb ? 1 : 0);
    }
    if ((op === "=" || op === "!=") && typeof a !== "number" && typeof b !== "number") {
      var equal = asString(a) === asString(b);
      return op === "=" ? equal : !equal;
    }
    var x = asNumber(a);
    var y = asNumber(b);
    if (op === "!=") {
      return x !== y;
    }
    if (Number.isNaN(x) || Number.isNaN(y)) {
      return false;
    }
    switch (op) {
      case "=":
        return x === y;
      case "<":
        return x < y;
      case "<=":
        return x <= y;
      case ">":
        return x > y;
      case ">=":
        return x >= y;
    }
    throw new Error("unknown operator " + op);
  }

  function evaluate(node, answers, current) {
    if ("v" in node) {
      return node.v;
    }
    if ("r" in node) {
      return valueOf(node.r === "." ? current : answers[node.r]);
    }
    if ("o" in node) {
      if (node.o === "and") {
        return asBool(evaluate(node.l, answers, current)) && asBool(evaluate(node.r2, answers, current));
      }
      if (node.o === "or") {
        return asBool(evaluate(node.l, answers, current)) || asBool(evaluate(node.r2, answers, current));
      }
      return compare(node.o, evaluate(node.l, answers, current), evaluate(node.r2, answers, current));
    }
    var args = node.a.map(function (a) {
      return evaluate(a, answers, current);
    });
    switch (node.f) {
      case "not":
        return !asBool(args[0]);
      case "selected":
        return asList(args[0]).indexOf(asString(args[1])) >= 0;
      case "count-selected":
        return asList(args[0]).length;
      case "string-length":
        return Array.from(asString(args[0])).length;
    }
    throw new Error("unknown function " + node.f);
  }

  // True when every condition (a list of trees) holds.
  function checkAll(trees, answers) {
    return trees.every(function (tree) {
      return asBool(evaluate(tree, answers));
    });
  }

  global.BarometerLogic = { evaluate: evaluate, asBool: asBool, checkAll: checkAll };
})(window);
