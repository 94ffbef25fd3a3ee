"""What a session came to: its results per round and per client, its model, and a plot."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .. import _validation as check
from .._exceptions import ArgumentTypeError
from .._extras import require_extra
from .._methods import operation
from .._steps import Steps, blocking
from .events import EventsResource
from .models import ModelsResource
from .sessions import SessionsResource

if TYPE_CHECKING:
    from scaleout_api.schemas import Model

    from ..results import ClientValidation, SessionResults


class ResultsResource(ModelsResource, SessionsResource, EventsResource):
    """Built on the sessions', models' and validations' methods."""

    @operation
    def get_session_results(self, session_id: str) -> Steps[SessionResults]:
        """Get the results of a session, round by round.

        Each round has its number in the session (1, 2, ...), the model it produced, its times
        as ``datetime``, each client's validation metrics (decoded from ``data``) and their
        mean over the clients (``round.metrics``). ``to_pandas()`` makes a DataFrame of them.

        :param session_id: The session id.
        :return: The session's results (so far, if it is still running).
        :raises NotFoundError: If there is no such session.
        """
        sid = check.require_id("session_id", session_id)
        session = yield from self.get_session(sid)
        rounds = yield from self.iter_rounds(sid).everything()
        models = yield from self.iter_models(filters={"session_id": sid}).everything()
        validations = yield from self.iter_validations(filters={"session_id": sid}).everything()
        from ..results import session_results  # here: only this method needs it (import time)

        return session_results(session, rounds, models, validations)

    @operation
    def get_round_validations(self, session_id: str, round: int) -> Steps[list[ClientValidation]]:
        """Get each client's validation of the model a round of a session produced.

        :param session_id: The session id.
        :param round: The round's number in the session (1 for the first).
        :return: One validation per client, with its decoded ``metrics``.
        :raises NotFoundError: If there is no such session.
        :raises InvalidArgumentError: If the session has no such round.
        """
        sid = check.require_id("session_id", session_id)
        check.require_int("round", round, minimum=1)
        results = yield from self.get_session_results(sid)
        return list(results.round(round).validations)

    @operation
    def get_session_model(self, session_id: str) -> Steps[Model | None]:
        """Get the model a session produced: its newest model.

        :param session_id: The session id.
        :return: The model, or ``None`` when no round of the session has produced one yet.
        :raises NotFoundError: If there is no such session.
        """
        from scaleout_api.api.models import list_models

        sid = check.require_id("session_id", session_id)
        yield from self.get_session(sid)  # a missing session is an error, not "no model"
        request = list_models.build_request(
            session_id=sid, x_limit=1, x_sort_key="committed_at", x_sort_order="desc"
        )
        found = (yield from self._call(request)).get("result") or []
        return found[0] if found else None

    @operation
    def plot_session(
        self,
        session_id: str,
        *,
        metrics: Sequence[str] | None = None,
        path: str | os.PathLike[str] | None = None,
    ) -> Steps[Path]:
        """Plot a session's validation metrics per round into a PNG (needs the ``plot`` extra).

        One panel per metric family (loss, accuracy...): training and test metrics, the mean
        over the clients in bold and each client as a thin line.

        :param session_id: The session id.
        :param metrics: The metrics (``"test_accuracy"``) or families (``"loss"``) to plot;
            all by default.
        :param path: The PNG to write (or a folder to write ``session-<session_id>.png``
            into); ``session-<session_id>.png`` in the current folder by default.
        :return: The path of the PNG.
        :raises MissingExtraError: If matplotlib is not installed (before any request).
        :raises InvalidArgumentError: If the session has no metrics, or not those asked for.
        """
        sid = check.require_id("session_id", session_id)
        if metrics is not None and (isinstance(metrics, str) or not isinstance(metrics, Sequence)):
            raise ArgumentTypeError("metrics must be a list of metric names, e.g. ['test_loss']")
        default = f"session-{sid}.png"
        target = check.require_writable_target("path", default if path is None else path)
        if target.is_dir():
            target = target / default
        require_extra("plot", "plot_session")
        results = yield from self.get_session_results(sid)
        return (yield from blocking(_plot, results, target, metrics))


def _plot(results: SessionResults, path: Path, metrics: Sequence[str] | None) -> Path:
    from ..plotting import plot_results

    return plot_results(results, path=path, metrics=metrics)
