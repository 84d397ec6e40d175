"""``chronik-sources``: one page per article, its cleaned text with every extracted span linked."""
