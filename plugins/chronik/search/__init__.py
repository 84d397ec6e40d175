"""``chronik-search``: Material's search index split into prefix shards, searched by Chronik's worker."""
