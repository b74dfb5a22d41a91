// Draws the radar chart from the JSON block the report page carries (no inline script: CSP-safe).
(function () {
  "use strict";
  var holder = document.getElementById("radar-chart");
  var data = document.getElementById("radar-data");
  if (!holder || !data || !window.Plotly) return;
  var figure = JSON.parse(data.textContent);
  var config = { displayModeBar: false, responsive: true, staticPlot: false };
  window.Plotly.newPlot(holder, figure.data, figure.layout, config);
})();
