"""One shape for background work, and one place its failures go.

Every worker in the app is a method decorated `@work(thread=True, exit_on_error=False)`
that reads through `Library.for_thread()` and posts a typed `@dataclass` message with what
it found; the node that asked handles the message on the UI thread. A worker that raises
does not take the app down: `WorkerErrors`, mixed into every node that runs workers, hands
the failure to `TidingsApp.worker_failed`, which records it and shows a plain-text notice.
"""

from __future__ import annotations

from typing import Any

from textual.worker import Worker, WorkerState


class WorkerErrors:
    """The one handler for failed workers (Worker.StateChanged does not bubble, so each
    node that runs workers carries it)."""

    app: Any

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.app.worker_failed(event.worker)
