"""Analyse once per note: subjects, comparisons, timeline, citations, unsafe HTML."""
