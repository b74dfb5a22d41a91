"""The round's Excel workbook: its cells, the responses sheet written fast, the assembled workbook. Independent
of the deck.
"""
