"""Commands on entities and timelines (filled in by the entities issue)."""
