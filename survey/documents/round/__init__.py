"""A round's documents: the aggregated report, the synthesis in words and JSON, exports, and what the deck and
workbook are built from.
"""
