"""A bound on the time a writer may take: the work done in a child process, stopped when the bound has passed.

A template is a program, and a repository's own template may never finish. typst stops some of that
itself (a ``while`` loop after 10,000 rounds, a recursion 80 calls deep, a layout that does not settle
after 5 attempts) but not a long ``for`` loop, nor work that does finish, only far too late; and its
compiler runs in Rust, where a Python thread cannot interrupt it. Only a process can be stopped from the
outside, so :func:`bounded` makes one call in a child process and stops (kills) the child when the
bound has passed, with a Danish message naming the template.

Any writer can be wrapped the same way, for instance with a Word template of the repository's own::

    bounded(docx.write, doc, templates, options, name="templates/referat.docx")

The function must be importable by name (a module's top-level function), and its arguments and result
picklable. The child is started fresh (``spawn``, as on Windows), so nothing of the caller's threads or
locks is copied into it, and it is kept for the next call: one child per process, started when first
needed, replaced after a call it did not finish, and ending when the process that started it ends. Calls
from several threads take turns. The bound counts from when the child begins the call: starting the
child and importing the call's module (which a busy machine may make slow) have a bound of their own,
:data:`START`.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from aftale.errors import AftaleError, TemplateFailed

#: How long, in seconds, one call may take (a document laid out with a repository's own template). Tests lower it.
LIMIT = 60.0
#: How long, in seconds, a child may take to start, or to import what a call needs, before it is given up.
START = 120.0

T = TypeVar("T")


def bounded(call: Callable[..., T], *args: Any, name: str, seconds: float | None = None) -> T:
    """``call(*args)`` in a child process; what it returns, or what it raises, as if called here.

    :param name: the template the call lays out, as the user reads it (``templates/referat.typ``).
    :param seconds: the bound (default :data:`LIMIT`); the child is stopped when the call takes longer.
    :raises TemplateFailed: naming ``name``, when the bound has passed.
    :raises AftaleError: when the child process ended without an answer.
    """
    limit = LIMIT if seconds is None else seconds
    with _turn:
        child = _child()
        try:
            child.calls.send((call, args))
            if not child.answers.poll(START) or child.answers.recv() != _BEGUN:
                _stop()
                raise AftaleError(f"{name}: processen, der skulle bruge skabelonen, kom ikke i gang. Prøv igen.")
            if not child.answers.poll(limit):
                _stop()
                raise TemplateFailed(f"{name}: skabelonen blev ikke færdig inden for {limit:g} {_seconds(limit)} og "
                                     "er stoppet. Den gentager måske noget uden ende, fx en løkke, der aldrig slutter. "
                                     "Ret skabelonen.")
            raised, value = child.answers.recv()
        except (EOFError, OSError):
            _stop()
            raise AftaleError(f"{name}: processen, der brugte skabelonen, stoppede uden svar (fx fordi maskinen løb tør "
                              "for hukommelse). Prøv igen.") from None
    if raised:
        raise value
    return value  # type: ignore[no-any-return]


class _Child:
    """A child process that makes calls: one pipe for calls, one for answers, and a lifeline it watches."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.calls, calls = context.Pipe(duplex=False)[::-1]
        self.answers, answers = context.Pipe(duplex=False)
        lifeline, self.lifeline = context.Pipe(duplex=False)
        self.process = context.Process(target=_serve, args=(calls, answers, lifeline), daemon=True,
                                       name="aftale-skabelon")
        self.process.start()
        for end in (calls, answers, lifeline):
            end.close()

    def stop(self) -> None:
        """Stop the child, finished or not, and close the pipes."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        for end in (self.calls, self.answers, self.lifeline):
            end.close()


_turn = threading.Lock()
_current: _Child | None = None


def _child() -> _Child:
    """This process's child, started when there is none (or the last one has ended)."""
    global _current
    if _current is not None and not _current.process.is_alive():
        _current = None
    if _current is None:
        _current = _Child()
    return _current


def _forked() -> None:
    """In a forked process: the parent's child and turn are the parent's."""
    global _turn, _current
    _turn, _current = threading.Lock(), None


if hasattr(os, "register_at_fork"):  # POSIX only: Windows has no fork
    os.register_at_fork(after_in_child=_forked)


def _stop() -> None:
    global _current
    if _current is not None:
        _current.stop()
        _current = None


_BEGUN = "begyndt"


def _serve(calls: Connection, answers: Connection, lifeline: Connection) -> None:
    """In the child: make each call that comes (saying when it begins) and send back what it returned or raised."""
    threading.Thread(target=_orphaned, args=(lifeline,), daemon=True).start()
    while True:
        try:
            call, args = calls.recv()  # imports the call's module, the first time
        except EOFError:
            return
        answers.send(_BEGUN)
        try:
            reply: tuple[bool, Any] = (False, call(*args))
        except Exception as error:  # noqa: BLE001 - whatever the call raised, the caller raises it
            reply = (True, error)
        try:
            answers.send(reply)
        except Exception as error:  # noqa: BLE001 - an answer that cannot be pickled
            answers.send((True, AftaleError(f"intern fejl i aftale ({type(error).__name__}: {error}); meld den "
                                            "venligst til udviklerne")))


def _orphaned(lifeline: Connection) -> None:
    """In the child: end the process as soon as the parent has gone (its end of the lifeline closes)."""
    try:
        lifeline.recv()
    except (EOFError, OSError):
        pass
    os._exit(1)


def _seconds(limit: float) -> str:
    return "sekund" if limit == 1 else "sekunder"
