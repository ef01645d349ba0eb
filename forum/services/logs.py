"""How every process logs: one line per event on stderr, as text or (FORUM_LOG_JSON=1) as one JSON object."""

from __future__ import annotations

import json
import logging
import sys
import time

from forum.config import Settings

# uvicorn configures these with handlers of its own; they must go through ours instead.
UVICORN_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi")


class JsonLines(logging.Formatter):
    """`{"time", "level", "logger", "process", "pid", "message"[, "error"]}` on one line; a traceback is a field."""

    def __init__(self, process: str) -> None:
        super().__init__()
        self.process = process

    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": _iso(record.created), "level": record.levelname.lower(), "logger": record.name,
                 "process": self.process, "pid": record.process, "message": record.getMessage()}
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class TextLines(logging.Formatter):
    """`time level process logger: message`; line breaks (tracebacks) are escaped so one event is one line."""

    def __init__(self, process: str) -> None:
        super().__init__(f"%(asctime)s %(levelname)s {process} %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace("\n", "\\n")


def configure_logging(settings: Settings, process: str) -> None:
    """Root logger at INFO with one stderr handler; called once at a process's start (web, worker, serve)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLines(process) if settings.log_json else TextLines(process))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    for name in UVICORN_LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
        if logger.level == logging.NOTSET or logger.level < logging.WARNING:
            logger.setLevel(logging.WARNING)  # no access log line per request, no start-up chatter


def _iso(created: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(created)) + f".{int(created % 1 * 1000):03d}Z"
