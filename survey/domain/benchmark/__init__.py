"""The benchmark: organisations' scores pooled by choice, shown only from k per cell (k-anonymity), and the
questionnaire's own reliability (Cronbach's alpha, item-rest correlations). Pure Python."""
