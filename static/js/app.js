// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";

  // Copy buttons: <button data-copy="#input-id" data-copied="Copied">
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var input = document.querySelector(button.getAttribute("data-copy"));
      if (!input) return;
      input.select();
      var done = function () {
        var label = button.textContent;
        button.textContent = button.getAttribute("data-copied") || label;
        setTimeout(function () { button.textContent = label; }, 2000);
      };
      if (navigator.clipboard) {
        navigator.clipboard.writeText(input.value).then(done, function () { document.execCommand("copy"); done(); });
      } else {
        document.execCommand("copy");
        done();
      }
    });
  });

  // After a failed submit, move focus to the error summary so it is announced.
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();

  // Switching language on a survey page saves the answers ticked so far first.
  var form = document.querySelector("form[data-autosave]");
  if (form) {
    var dirty = false;
    form.addEventListener("change", function () { dirty = true; });
    document.querySelectorAll(".language-switch a[hreflang]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (!dirty) return;
        event.preventDefault();
        var action = document.createElement("input");
        action.type = "hidden";
        action.name = "action";
        action.value = "lang:" + link.getAttribute("hreflang");
        form.appendChild(action);
        form.submit();
      });
    });
  }
})();
