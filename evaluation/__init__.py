"""Gold files and scoring scripts for newslens (run with python -m evaluation.NAME)."""
