"""Chronik explorer: filters, a zoomable visual timeline and entity graphs on top of the static site."""
