"""Exit codes of the ``scaleout`` command, and the one line it prints for an error.

Scripts can tell what went wrong from the code alone: a mistake in the command (fix the
command), an error answer from the controller (fix the request or the server's state), no
answer at all (check the address and the network), or too long a wait (give it more time).
"""

from __future__ import annotations

import enum

from .._exceptions import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    ArgumentTypeError,
    InvalidArgumentError,
    MissingExtraError,
    ScaleoutError,
    WaitTimeoutError,
)

__all__ = ["ExitCode", "exit_code_for", "one_line"]


class ExitCode(enum.IntEnum):
    OK = 0
    #: Anything else that failed (a failed session, an upload the server refused...).
    ERROR = 1
    #: The command line is wrong: an unknown command or option, a bad value, a missing file.
    USAGE = 2
    #: The controller answered with an error status (404, 401, 500...).
    HTTP = 3
    #: No answer: the controller could not be reached, or the connection broke.
    CONNECTION = 4
    #: A request, or waiting for a session, took longer than allowed.
    TIMEOUT = 5
    #: Interrupted with Ctrl-C.
    INTERRUPTED = 130


def exit_code_for(error: BaseException) -> ExitCode:
    """The exit code of a command that failed with ``error``."""
    if isinstance(error, (APITimeoutError, WaitTimeoutError)):
        return ExitCode.TIMEOUT
    if isinstance(error, APIConnectionError):
        return ExitCode.CONNECTION
    if isinstance(error, APIStatusError):
        return ExitCode.HTTP
    if isinstance(error, (InvalidArgumentError, ArgumentTypeError)) and not isinstance(
        error, MissingExtraError
    ):
        return ExitCode.USAGE
    if isinstance(error, KeyboardInterrupt):
        return ExitCode.INTERRUPTED
    return ExitCode.ERROR


def one_line(error: BaseException) -> str:
    """``error``'s message on one line (an OS error as its reason and the file it concerns)."""
    if isinstance(error, OSError) and error.strerror and not isinstance(error, ScaleoutError):
        text = error.strerror + (f": {error.filename}" if error.filename else "")
    else:
        text = str(error) or type(error).__name__
    return " ".join(text.split())
