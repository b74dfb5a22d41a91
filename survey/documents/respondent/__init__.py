"""The respondent's report: findings in words and the report assembled for the web page, report.json and the PDF
scorecard.
"""
