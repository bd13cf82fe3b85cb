"""Stage 1, the fact base: its data model, reading YAML safely, loading and validating it."""
