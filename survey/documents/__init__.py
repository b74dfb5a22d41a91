"""Documents, one sub-package per document: respondent/ (report, PDF scorecard), round/ (round report,
synthesis, exports), deck/, workbook/, charts/ (radar), pdf/ (renderer, cache), fieldwork/ (mails,
invitee list); logos and the fragment cache beside them.

May import store and domain; never web plumbing or blueprints.
"""
