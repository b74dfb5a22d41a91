"""Documents: the respondent's report and the round report assembled from scores, the radar (Plotly and SVG),
the PDF renderer, exports, logos, and the caches of rendered fragments.

May import store and domain; never web plumbing or blueprints.
"""
