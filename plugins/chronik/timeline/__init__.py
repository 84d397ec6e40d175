"""``chronik-timeline``: every event in time order, one page per year (per month for very large years)."""
