"""What a respondent's report says: the answers given, each practice's findings, the candidate's verdict and
interview kit, the improvement plan.
"""
