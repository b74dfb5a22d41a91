// Draws the radar chart from the JSON block the report page carries (no inline script: CSP-safe).
(function () {
  "use strict";
  var holder = document.getElementById("radar-chart");
  var data = document.getElementById("radar-data");
  if (!holder || !data || !window.Plotly) return;
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

  draw();
  if (narrow.addEventListener) narrow.addEventListener("change", draw);
})();
