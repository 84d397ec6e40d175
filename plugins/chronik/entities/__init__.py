"""``chronik-entities``: one page per entity and an index grouped by type."""
