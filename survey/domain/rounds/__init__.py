"""A consultant's round: aggregation in running sums, synthesis, perception gaps, progress between rounds,
recommendations, anonymity rules, export rows.
"""
