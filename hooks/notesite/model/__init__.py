"""The note model: typed, frozen where practical, and what every stage reads."""
