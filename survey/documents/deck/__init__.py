"""The round's PowerPoint deck (python-pptx): building blocks, sections, the assembled deck. Independent of the
workbook.
"""
