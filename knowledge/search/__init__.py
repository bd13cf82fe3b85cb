"""Stage 3, search: the index, reading a question against it, scoring facts, rankings, timelines, the cache."""
