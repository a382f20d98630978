"""The vault as a knowledge base: backlinks, related notes, tags, review state."""
