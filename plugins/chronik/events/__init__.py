"""``chronik-events`` and ``chronik-tags``: a page per event, a page per tag and the tag index."""
