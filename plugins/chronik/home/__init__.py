"""``chronik-home``: coverage, counts, latest events and entry points on the home page."""
