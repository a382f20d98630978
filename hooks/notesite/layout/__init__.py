"""Lay out: URLs from paths, which source lines go on which page, links resolved."""
