"""Errors the library raises for conditions a user can act on (shown as one line, no traceback)."""


class LibraryError(Exception):
    """Base class: the message is fit to show a user as it is."""


class NotALibrary(LibraryError):
    """The file exists but is not a Tidings library."""


class NewerLibrary(LibraryError):
    """The library was written by a newer Tidings, whose schema this one does not know."""


class NotFound(LibraryError):
    """An id or name that the library does not hold."""


class FeedExists(LibraryError):
    """Subscribing to a URL the library already follows."""

    def __init__(self, message: str, feed_id: int) -> None:
        super().__init__(message)
        self.feed_id = feed_id


class NotANewsboatCache(LibraryError):
    """The file is missing or is not a newsboat cache."""


class QueryError(ValueError):
    """A malformed query; the message is short enough to show under the prompt."""
