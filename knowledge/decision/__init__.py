"""Stage 4, decision: whether the reading the search found is sure enough to assert (a fitted model's probability)."""
