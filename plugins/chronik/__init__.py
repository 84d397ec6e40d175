"""Chronik: news articles as a linked timeline (content model, CLI and MkDocs plugins)."""

__version__ = "0.1.0"
