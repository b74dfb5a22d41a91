// The radar is drawn on the server (SVG); this file offers the interactive one, drawn by Plotly from the JSON
// block the report page carries (no inline script: CSP-safe). Plotly's bundle (1.2 MB compressed) is fetched
// only when the reader presses the button, so it never holds up the page's load.
(function () {
  "use strict";
  var holder = document.getElementById("radar-chart");
  var data = document.getElementById("radar-data");
  var button = document.getElementById("radar-interactive");
  if (!holder || !data || !button) return;
  var figure = JSON.parse(data.textContent);
  var config = { displayModeBar: false, responsive: true, staticPlot: false };
  var narrow = window.matchMedia("(max-width: 35rem)");

  // Greedy wrap at `width` characters; the words are never cut (labels are escaped text: no tags inside).
  function wrap(label, width) {
    var lines = [];
    label.split("<br>").join(" ").split(" ").forEach(function (word) {
      var last = lines.length - 1;
      if (last >= 0 && (lines[last] + " " + word).length <= width) lines[last] += " " + word;
      else lines.push(word);
    });
    return lines.join("<br>");
  }

  // On a phone the labels around the radar take most of the width: narrower labels, smaller type,
  // and the rings marked by their thresholds only (their level names are in the table below).
  function forPhone(source) {
    var phone = JSON.parse(JSON.stringify(source));
    phone.data.forEach(function (trace) { trace.theta = trace.theta.map(function (t) { return wrap(t, 13); }); });
    var polar = phone.layout.polar;
    polar.angularaxis.tickfont = { size: 10 };
    polar.radialaxis.ticktext = polar.radialaxis.tickvals.map(String);
    polar.radialaxis.tickfont = { size: 9, color: polar.radialaxis.tickfont.color };
    phone.layout.margin = { l: 84, r: 84, t: 44, b: 36 };
    return phone;
  }

  function draw() {
    var shown = narrow.matches ? forPhone(figure) : figure;
    window.Plotly.react(holder, shown.data, shown.layout, config);
  }

  button.hidden = false;
  button.addEventListener("click", function () {
    button.disabled = true;
    var script = document.createElement("script");
    script.src = button.getAttribute("data-script");
    script.addEventListener("load", function () {
      holder.textContent = "";
      holder.classList.add("interactive");
      draw();
      if (narrow.addEventListener) narrow.addEventListener("change", draw);
      button.parentNode.removeChild(button);
    });
    script.addEventListener("error", function () { button.disabled = false; });
    document.head.appendChild(script);
  });
})();
