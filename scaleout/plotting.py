"""A picture of a session's metrics per round (the ``plot`` extra: matplotlib).

:func:`plot_results` draws one panel per metric family (``loss``, ``accuracy``...): the
training and the test metric of that family in their own colours, the mean over the clients
as a bold line with its last value written beside it, and each client as a thin, pale line of
the same colour, so spread and outliers show at a glance. ``Scaleout.plot_session`` fetches
a session's results and calls it.

matplotlib is imported when a picture is drawn, never by ``import scaleout``; only its
object-oriented API is used (no ``pyplot`` state), so drawing is safe in a worker thread.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from ._exceptions import ArgumentTypeError, InvalidArgumentError
from ._extras import require_extra

if TYPE_CHECKING:
    from .results import SessionResults

__all__ = ["metric_family", "plot_results", "select_metrics"]

#: Name prefixes that say which data a metric was measured on, and the word shown for it.
_KINDS: Final = (
    ("training_", "training"),
    ("train_", "training"),
    ("test_", "test"),
    ("validation_", "validation"),
    ("val_", "validation"),
)
#: One colour per kind (colour-blind safe: Okabe and Ito's palette).
_COLOURS: Final = {
    "training": "#0072B2",
    "test": "#D55E00",
    "validation": "#009E73",
    "": "#CC79A7",
}


def metric_family(name: str) -> tuple[str, str]:
    """``(family, kind)`` of a metric name: ``"test_loss"`` is ``("loss", "test")``; a name
    without a known prefix is its own family, of kind ``""``."""
    for prefix, kind in _KINDS:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :], kind
    return name, ""


def select_metrics(available: Sequence[str], wanted: Sequence[str] | None) -> list[str]:
    """The metrics to draw: all of ``available``, or those ``wanted`` names (a metric, or a
    family such as ``"loss"`` for all its metrics), in the order of ``available``."""
    if wanted is None:
        return list(available)
    if isinstance(wanted, str) or not isinstance(wanted, Sequence):
        raise ArgumentTypeError("metrics must be a list of metric names, e.g. ['test_accuracy']")
    chosen: set[str] = set()
    for name in wanted:
        matches = [m for m in available if m == name or metric_family(m)[0] == name]
        if not matches:
            known = ", ".join(available) or "none"
            raise InvalidArgumentError(
                f"metrics: no metric {name!r} in the results (known: {known})"
            )
        chosen.update(matches)
    return [m for m in available if m in chosen]


def plot_results(
    results: SessionResults,
    *,
    path: str | os.PathLike[str],
    metrics: Sequence[str] | None = None,
    title: str | None = None,
) -> Path:
    """Draw ``results`` (see the module docstring) into a PNG at ``path``; the path written.

    :param results: A session's results (``Scaleout.get_session_results``).
    :param path: The PNG file to write.
    :param metrics: The metrics (or families, e.g. ``"accuracy"``) to draw; all by default.
    :param title: The title; by default the session's name, rounds and clients.
    :raises InvalidArgumentError: If there is nothing to draw or a metric is unknown.
    :raises MissingExtraError: If matplotlib (the ``plot`` extra) is not installed.
    """
    require_extra("plot", "plot_results")
    target = Path(os.fspath(path))
    chosen = select_metrics(results.metric_names, metrics)
    if not chosen:
        raise InvalidArgumentError(
            f"session {results.session_id} has no validation metrics to plot yet"
        )
    families: dict[str, list[str]] = {}
    for name in chosen:
        families.setdefault(metric_family(name)[0], []).append(name)

    from matplotlib.figure import Figure

    panels = len(families)
    figure = Figure(figsize=(5.2 * panels + 0.6, 4.6), dpi=110, layout="constrained")
    axes = figure.subplots(1, panels, squeeze=False)[0]
    for axis, (family, names) in zip(axes, families.items(), strict=True):
        _draw_family(axis, results, family, names)
    clients = sorted({c for r in results.rounds for c in r.clients})
    figure.suptitle(title or _default_title(results, len(clients)), fontsize=13)
    figure.savefig(target, format="png", facecolor="white")
    return target


def _default_title(results: SessionResults, clients: int) -> str:
    name = results.name or results.session_id
    rounds = sum(1 for r in results.rounds if r.validations)
    return (
        f"Session {name!r}: {rounds} round{'s' * (rounds != 1)}, "
        f"{clients} client{'s' * (clients != 1)}"
    )


def _draw_family(axis: Any, results: SessionResults, family: str, names: list[str]) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    values: list[float] = []
    ends: list[tuple[int, float, str]] = []
    for name in names:
        kind = metric_family(name)[1]
        colour = _COLOURS[kind]
        label = kind or name
        per_client: dict[str, list[tuple[int, float]]] = {}
        for round_ in results.rounds:
            for validation in round_.validations:
                if name in validation.metrics:
                    who = validation.client or validation.client_id or "?"
                    per_client.setdefault(who, []).append((round_.round, validation.metrics[name]))
        if len(per_client) > 1:
            for index, points in enumerate(per_client.values()):
                xs, ys = zip(*points, strict=True)
                axis.plot(
                    xs,
                    ys,
                    color=colour,
                    alpha=0.35,
                    linewidth=1.0,
                    label=f"{label}, each client" if index == 0 else None,
                    zorder=2,
                )
        mean = results.series(name)
        if not mean:
            continue
        xs, ys = zip(*mean, strict=True)
        values.extend(ys)
        axis.plot(
            xs,
            ys,
            color=colour,
            linewidth=2.4,
            marker="o",
            markersize=5,
            label=f"{label}, mean of clients" if len(per_client) > 1 else label,
            zorder=3,
        )
        ends.append((xs[-1], ys[-1], colour))
    percent = bool(values) and "acc" in family and all(0.0 <= v <= 1.0 for v in values)
    _label_ends(axis, ends, values, percent=percent)
    heading = family.replace("_", " ")
    # Short names are acronyms (MSE, F1, AUC); longer ones words (Loss, Accuracy).
    title = heading.upper() if len(heading) <= 3 else heading[:1].upper() + heading[1:]
    axis.set_title(title, fontsize=11)
    axis.set_xlabel("round")
    axis.set_ylabel(heading)
    axis.xaxis.set_major_locator(MaxNLocator(integer=True))
    axis.margins(x=0.13)  # room for the last values written beside the lines
    if percent:
        axis.yaxis.set_major_formatter(FuncFormatter(lambda value, _: percent_tick(value)))
    axis.grid(alpha=0.3)
    for side in ("top", "right"):
        axis.spines[side].set_visible(False)
    axis.legend(fontsize=8, frameon=False)


def percent_tick(fraction: float) -> str:
    """A tick of a percent axis, exactly as placed: ``92.5%``, not a rounded ``92%`` that
    would sit between two gridlines, and ``90%`` rather than ``90.0%``."""
    return f"{fraction * 100:.6g}%"


def _label_ends(
    axis: Any, ends: list[tuple[int, float, str]], values: list[float], *, percent: bool
) -> None:
    """Write each mean line's last value beside its last point; labels of lines that end
    close together (training and test often do) are spread apart vertically."""
    close = (max(values) - min(values)) * 0.06 if values else 0.0
    groups: list[list[tuple[int, float, str]]] = []
    for end in sorted(ends, key=lambda item: item[1]):
        if groups and end[1] - groups[-1][-1][1] <= close:
            groups[-1].append(end)
        else:
            groups.append([end])
    for group in groups:
        for index, (x, y, colour) in enumerate(group):
            axis.annotate(
                f"{y:.1%}" if percent else (f"{y:.3f}" if abs(y) < 100 else f"{y:.4g}"),
                (x, y),
                xytext=(7, (index - (len(group) - 1) / 2) * 11),
                textcoords="offset points",
                va="center",
                color=colour,
                fontsize=9,
                fontweight="bold",
            )
