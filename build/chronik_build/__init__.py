"""Chronik build step: turn a raw news article into events, entities, relations, quotes and figures."""
