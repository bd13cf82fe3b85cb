"""Stage 2, text analysis: normalisation, language, Russian and English words and lemmas, time expressions."""
