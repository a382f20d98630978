"""Discover and read: which files are notes, their text, front matter and blocks, parsed once."""
