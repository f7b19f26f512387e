"""The ``lmskg`` command line.

Exit codes (for every command):
  0  ok
  1  a check failed (the graph was built but is inconsistent or fails a shape)
  2  bad input or I/O: malformed data, a quote not at its offsets, a wrong
     checksum, an unknown term, a bad query or parameter, an unreachable endpoint,
     a missing Java for the reasoner
  3  internal error: a bug in lmskg (please report it, with --debug output)
"""

from __future__ import annotations

import argparse
import signal
import sys
import traceback
from typing import Callable

from ..errors import EXIT_INTERNAL, EXIT_OK, LmskgError
from ..net.redact import redact
from ..version import __version__
from . import bench, build, curate, extract, query, remote
from .options import EPILOG, add_common


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="lmskg", description="Knowledge graph of leiomyosarcoma treatment evidence.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    top.add_argument("--version", action="version", version=f"lmskg {__version__}")
    top.add_argument("--debug", action="store_true", help="show a stack trace on errors")
    sub = top.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, help_: str, func: Callable[[argparse.Namespace], int],
            description: str = "") -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=description or help_, epilog=EPILOG,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        add_common(p)
        p.set_defaults(func=func)
        return p

    for module in (build, query, remote, curate, extract, bench):
        module.register(add)
    return top


def _sigterm_as_interrupt(signum: int, frame: object) -> None:
    """SIGTERM stops a command the way Ctrl-C does: the exception unwinds through the
    child processes' ``subprocess.run`` (HermiT's Java, oxigraph), which kills them, and
    through the atomic writers, which leave the previous build."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        previous = signal.signal(signal.SIGTERM, _sigterm_as_interrupt)
    except ValueError:  # not the main thread (tests running the CLI in a thread)
        previous = None
    try:
        return args.func(args)
    except LmskgError as exc:
        if args.debug:
            _print_trace()
        print(redact(f"lmskg {args.command}: {exc}"), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"lmskg {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # an unexpected failure is a bug; say so plainly
        if args.debug:
            _print_trace()
        print(redact(f"lmskg {args.command}: internal error: {type(exc).__name__}: {exc} "
                     "(a bug in lmskg: run with --debug for the stack trace)"), file=sys.stderr)
        return EXIT_INTERNAL
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _print_trace() -> None:
    """The stack trace of the exception being handled, without credentials: the
    exceptions it chains may quote what a server sent back."""
    sys.stderr.write(redact(traceback.format_exc()))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
