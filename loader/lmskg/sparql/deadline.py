"""Running a local query under a time limit that holds whatever the engine does.

Neither rdflib nor Oxigraph can be interrupted from Python while a query runs (a
cross product counted inside the engine never returns to the interpreter), so a query
with a limit runs in a forked child process: the parent waits at most the limit, then
kills the child and says so. Forking shares the loaded dataset copy-on-write, so the
child starts at once. With no limit (0), the query runs in this process.
"""

from __future__ import annotations

import multiprocessing
import traceback
from typing import Any, Callable

from ..errors import LmskgError, QueryError

DEFAULT_TIMEOUT = 60.0  # seconds; catalogue questions take well under a second


class QueryTimeout(QueryError):
    """A local query ran longer than its limit and was stopped."""


def run_within(fn: Callable[[], Any], timeout: float, where: str) -> Any:
    """``fn()``, stopped after ``timeout`` seconds (0: no limit)."""
    if not timeout:
        return fn()
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(fn, send), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(timeout):
            raise QueryTimeout(f"{where}: the query was stopped after {timeout:g} s (raise "
                               "--timeout, 0 for no limit, or narrow the query)")
        try:
            status, payload = receive.recv()
        except EOFError:
            raise LmskgError(f"{where}: the query engine stopped unexpectedly (exit code "
                             f"{child.exitcode})") from None
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join()
    if status == "ok":
        return payload
    if status == "error":
        raise payload
    raise RuntimeError(payload)  # a bug in the child: its traceback, as text


def _child(fn: Callable[[], Any], send: Any) -> None:  # pragma: no cover - in the child
    try:
        send.send(("ok", fn()))
    except LmskgError as exc:
        send.send(("error", exc))
    except BaseException:  # noqa: BLE001 - reported to the parent as a bug
        send.send(("bug", traceback.format_exc()))
    finally:
        send.close()
