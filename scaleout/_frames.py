"""Session results as pandas DataFrames (the ``pandas`` extra), imported only when asked for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._extras import require_extra

if TYPE_CHECKING:
    import pandas

    from .results import SessionResults

__all__ = ["results_frame", "validations_frame"]


def results_frame(results: SessionResults) -> pandas.DataFrame:
    """One row per round, metrics (means over clients) as columns."""
    require_extra("pandas", "to_pandas")
    import pandas as pd

    names = results.metric_names
    rows = [
        {
            "round": r.round,
            "round_id": r.round_id,
            "status": r.status,
            "clients": len(r.validations),
            "model_id": r.model_id,
            "started_at": r.started_at,
            "finished_at": r.finished_at,
            **{name: r.metrics.get(name) for name in names},
        }
        for r in results.rounds
    ]
    columns = ["round", "round_id", "status", "clients", "model_id", "started_at", "finished_at"]
    frame = pd.DataFrame(rows, columns=[*columns, *names])
    return _typed(frame, ["started_at", "finished_at"], names)


def validations_frame(results: SessionResults) -> pandas.DataFrame:
    """One row per client validation, metrics as columns."""
    require_extra("pandas", "to_pandas")
    import pandas as pd

    names = results.metric_names
    rows = [
        {
            "round": v.round,
            "round_id": v.round_id,
            "client": v.client,
            "client_id": v.client_id,
            "model_id": v.model_id,
            "timestamp": v.timestamp,
            **{name: v.metrics.get(name) for name in names},
        }
        for v in results.validations
    ]
    columns = ["round", "round_id", "client", "client_id", "model_id", "timestamp"]
    frame = pd.DataFrame(rows, columns=[*columns, *names])
    return _typed(frame, ["timestamp"], names)


def _typed(frame: pandas.DataFrame, times: list[str], metrics: tuple[str, ...]) -> pandas.DataFrame:
    import pandas as pd

    # An empty or partly missing column would otherwise be of dtype object.
    for column in times:
        frame[column] = pd.to_datetime(frame[column], utc=True)
    for column in metrics:
        frame[column] = frame[column].astype("float64")
    return frame
