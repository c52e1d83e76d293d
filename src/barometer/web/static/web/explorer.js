// Progressive enhancement only: the form works without JavaScript (GET, a Show button).
// With it, a changed choice shows its result at once; the URL still holds the whole state.
(function () {
  "use strict";
  var form = document.getElementById("explorer-form");
  if (!form) return;
  form.addEventListener("change", function (event) {
    if (event.target && event.target.tagName === "SELECT") form.submit();
  });
  // Back and forward show the choices of the URL, not the ones last picked on the page.
  window.addEventListener("pageshow", function () { form.reset(); });
})();
