"""Types of what ``Scaleout`` methods take and return, for annotating your own code.

The entity and answer shapes (``Model``, ``Session``, ``ModelList``...) and the closed value
sets (``Aggregator``, ``Helper``, ``SessionStatus``...) are the spec's schemas as
``TypedDict``\\s and ``Literal``\\s (generated into ``scaleout_api.schemas``); the few answers
the SDK composes itself are defined here. At run time every answer is a plain ``dict``,
except a session's results (``SessionResults``, ``RoundResult``, ``ClientValidation``, from
``scaleout.results``), which are frozen objects with ``as_dict()`` and ``to_pandas()``.

Importing this module loads the generated package; ``import scaleout`` alone does not.
"""

from __future__ import annotations

from typing import TypedDict

from scaleout_api.schemas import *  # noqa: F403
from scaleout_api.schemas import Message

from .results import ClientValidation as ClientValidation
from .results import RoundResult as RoundResult
from .results import SessionResults as SessionResults


class DownloadResult(TypedDict):
    """What ``download_model`` and ``download_package`` return."""

    success: bool
    message: str
    #: Where the file was written.
    path: str
    #: Its size in bytes.
    size: int


class SessionStarted(Message):
    """The server's answer to starting a session, with the session's id."""

    session_id: str


class PredictionsStarted(Message):
    """The server's answer to starting predictions, with the id their results carry."""

    prediction_id: str
