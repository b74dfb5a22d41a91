"""Radar charts: the Plotly figure for the web page, and the SVG drawing (with its text) for the PDF."""
