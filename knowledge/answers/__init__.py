"""Stage 5, answers: the Answer value, special readings and verdicts, and the words replies are made of."""
