"""Getting news in: fetching, feed parsing, article extraction, OPML and file import.

May import storage and enrich (it runs the background enrichment queue); never tui.
"""
