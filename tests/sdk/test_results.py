"""A session's results: rounds numbered, validations decoded and placed, times parsed, the
model a session produced, DataFrames and the plot, on both clients."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import struct
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from scaleout import (
    ArgumentTypeError,
    AsyncScaleout,
    InvalidArgumentError,
    MissingExtraError,
    NotFoundError,
    Scaleout,
)
from scaleout.results import SessionResults, decode_metrics, parse_timestamp
from scaleout.types import ClientValidation

from ._entities import example
from ._support import BASE_HOST, FakeServer, page, query_of, x_headers

UTC = dt.UTC
SESSION = example("Session", session_id="s1", name="exp", status="Finished")


def _round(round_id: str, at: str, model: str | None, start: str, **extra: Any) -> dict[str, Any]:
    combiners = [{"model_id": model, "name": "c"}] if model else []
    config = {**example("Round")["round_config"], "session_id": "s1", "model_id": start}
    return example(
        "Round",
        round_id=round_id,
        status=extra.pop("status", "Success"),
        round_config=config,
        combiners=combiners,
        committed_at=at,
        updated_at=at,
        **extra,
    )


def _validation(vid: str, model: str, data: object, client: str, meta: object = None) -> Any:
    return example(
        "Validation",
        validation_id=vid,
        model_id=model,
        data=data if isinstance(data, str) else json.dumps(data),
        meta=meta if meta is None or isinstance(meta, str) else json.dumps(meta),
        session_id="s1",
        timestamp="2026-03-04T16:43:41.250000Z",
        sender={"name": client, "client_id": f"id-{client}", "role": "client"},
    )


# Listed newest first on purpose: rounds are numbered by their start, not by answer order.
ROUNDS = [
    _round("13", "Wed, 04 Mar 2026 16:43:50 GMT", None, "m2", status="Pending"),
    # No combiner names its model: the session's model whose parent it started from is.
    _round("12", "Wed, 04 Mar 2026 16:43:40 GMT", None, "m1"),
    _round("11", "Wed, 04 Mar 2026 16:43:30 GMT", "m1", "seed"),
]
MODELS = [
    {"model_id": "m1", "parent_model": "seed", "session_id": "s1",
     "committed_at": "Wed, 04 Mar 2026 16:43:35 GMT"},
    {"model_id": "m2", "parent_model": "m1", "session_id": "s1",
     "committed_at": "Wed, 04 Mar 2026 16:43:45 GMT"},
]  # fmt: skip
VALIDATIONS = [
    _validation(
        "v1", "m1", {"test_loss": 0.5, "test_accuracy": 0.8, "note": "x", "ok": True}, "b", {"x": 1}
    ),
    _validation("v2", "m1", {"test_loss": 0.3, "test_accuracy": 0.9}, "a"),
    # meta names round 12 although the model is another: meta wins.
    _validation("v3", "m9", {"test_loss": 0.2}, "a", {"round_id": "12"}),
    _validation("v4", "m2", "not json", "b", "not json either"),
    _validation("v5", "elsewhere", {"test_loss": 9.0}, "c"),  # of no round: left out
]


def _serve(server: FakeServer, validations: list[Any] | None = None) -> None:
    server.on("GET", "/api/v1/sessions/s1", SESSION)
    server.on("GET", "/api/v1/rounds/", page(ROUNDS))
    server.on("GET", "/api/v1/models/", page(MODELS))
    server.on(
        "GET", "/api/v1/validations/", page(VALIDATIONS if validations is None else validations)
    )


def test_session_results_numbers_rounds_and_places_validations(
    server: FakeServer, client: Scaleout
) -> None:
    _serve(server)
    results = client.get_session_results("s1")

    assert isinstance(results, SessionResults)
    assert (results.session_id, results.name, results.status) == ("s1", "exp", "Finished")
    assert results.model_id == "m2"
    assert [(r.round, r.round_id, r.status, r.model_id) for r in results.rounds] == [
        (1, "11", "Success", "m1"),
        (2, "12", "Success", "m2"),
        (3, "13", "Pending", None),
    ]
    first, second, third = results.rounds
    assert first.clients == ("a", "b")
    assert first.metrics == pytest.approx({"test_loss": 0.4, "test_accuracy": 0.85})
    assert first.started_at == dt.datetime(2026, 3, 4, 16, 43, 30, tzinfo=UTC)
    assert [v.validation_id for v in second.validations] == ["v3", "v4"]
    assert second.metrics == {"test_loss": 0.2}
    assert second.validations[1].metrics == {}
    assert third.validations == () and third.metrics == {}
    assert results.metric_names == ("test_loss", "test_accuracy")
    assert results.series("test_accuracy") == [(1, pytest.approx(0.85))]
    assert "v5" not in [v.validation_id for v in results.validations]

    b = first.validations[1]
    assert (b.client, b.client_id, b.round, b.round_id, b.model_id) == ("b", "id-b", 1, "11", "m1")
    assert b.timestamp == dt.datetime(2026, 3, 4, 16, 43, 41, 250000, tzinfo=UTC)

    rounds_request = server.matching("GET", "/api/v1/rounds/")[0]
    assert ("round_config.session_id", "s1") in query_of(rounds_request)
    for path in ("/api/v1/models/", "/api/v1/validations/"):
        assert ("session_id", "s1") in query_of(server.matching("GET", path)[0])


def test_results_as_dict_is_json(server: FakeServer, client: Scaleout) -> None:
    _serve(server)
    data = client.get_session_results("s1").as_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["rounds"][0]["started_at"] == "2026-03-04T16:43:30+00:00"
    assert data["rounds"][0]["metrics"] == pytest.approx({"test_loss": 0.4, "test_accuracy": 0.85})


def test_round_validations(server: FakeServer, client: Scaleout) -> None:
    _serve(server)
    found = client.get_round_validations("s1", 1)
    assert all(isinstance(v, ClientValidation) for v in found)
    assert [(v.client, v.metrics["test_accuracy"]) for v in found] == [("a", 0.9), ("b", 0.8)]
    with pytest.raises(InvalidArgumentError, match="no round 4 .*3 round"):
        client.get_round_validations("s1", 4)


@pytest.mark.parametrize(
    ("args", "error"),
    [(("s1", 0), InvalidArgumentError), (("s1", "1"), ArgumentTypeError), (("", 1), ValueError)],
)
def test_round_validations_refuses_bad_arguments_before_sending(
    args: tuple[Any, ...], error: type[Exception], server: FakeServer, client: Scaleout
) -> None:
    with pytest.raises(error):
        client.get_round_validations(*args)
    assert server.requests == []


def test_session_model(server: FakeServer, client: Scaleout) -> None:
    server.on("GET", "/api/v1/sessions/s1", SESSION)
    server.on("GET", "/api/v1/models/", page([MODELS[1]], count=2), page([]))
    model = client.get_session_model("s1")
    assert model is not None and model["model_id"] == "m2"
    request = server.matching("GET", "/api/v1/models/")[0]
    assert query_of(request) == [("session_id", "s1")]
    assert x_headers(request) == {
        "x-limit": "1",
        "x-sort-key": "committed_at",
        "x-sort-order": "desc",
    }
    assert client.get_session_model("s1") is None


def test_session_model_of_a_missing_session_is_an_error(
    server: FakeServer, client: Scaleout
) -> None:
    server.on("GET", "/api/v1/sessions/nope", {"message": "Entity not found"}, status=404)
    with pytest.raises(NotFoundError):
        client.get_session_model("nope")


def test_async_client_gives_the_same_results(server: FakeServer, client: Scaleout) -> None:
    _serve(server)
    expected = client.get_session_results("s1")

    async def fetch() -> tuple[SessionResults, Any]:
        transport = httpx.MockTransport(server)
        async with AsyncScaleout(
            BASE_HOST, transport=transport, max_retries=0, token_cache=False
        ) as sdk:
            return await sdk.get_session_results("s1"), await sdk.get_round_validations("s1", 1)

    results, validations = asyncio.run(fetch())
    assert results == expected
    assert validations == list(expected.round(1).validations)


# --- decoding ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "metrics"),
    [
        ('{"loss": 1, "acc": 0.5}', {"loss": 1.0, "acc": 0.5}),
        ({"loss": 0.25}, {"loss": 0.25}),
        ('{"loss": NaN, "flag": true, "name": "x", "nested": {"a": 1}, "l": [1]}', {}),
        ("[1, 2]", {}),
        ("not json", {}),
        (None, {}),
    ],
)
def test_decode_metrics(data: object, metrics: dict[str, float]) -> None:
    assert decode_metrics(data) == metrics


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wed, 04 Mar 2026 16:43:40 GMT", dt.datetime(2026, 3, 4, 16, 43, 40, tzinfo=UTC)),
        (
            "2026-03-04T16:43:40.123456Z",
            dt.datetime(2026, 3, 4, 16, 43, 40, 123456, tzinfo=UTC),
        ),
        (
            "2026-03-04T18:43:40+02:00",
            dt.datetime(2026, 3, 4, 16, 43, 40, tzinfo=UTC),
        ),
        ("2026-03-04 16:43:40", dt.datetime(2026, 3, 4, 16, 43, 40, tzinfo=UTC)),
        ("", None),
        ("yesterday", None),
        ("Wed, 99 Foo 2026", None),
        (None, None),
    ],
)
def test_parse_timestamp_reads_both_formats(text: Any, expected: dt.datetime | None) -> None:
    parsed = parse_timestamp(text)
    assert parsed == expected
    assert parsed is None or parsed.tzinfo is not None


# --- frames and plots ----------------------------------------------------------------------


def test_to_pandas_per_round_and_per_client(server: FakeServer, client: Scaleout) -> None:
    pd = pytest.importorskip("pandas")
    _serve(server)
    results = client.get_session_results("s1")

    rounds = results.to_pandas()
    assert list(rounds.columns) == [
        "round", "round_id", "status", "clients", "model_id", "started_at", "finished_at",
        "test_loss", "test_accuracy",
    ]  # fmt: skip
    assert rounds["round"].tolist() == [1, 2, 3]
    assert rounds["clients"].tolist() == [2, 2, 0]
    assert rounds["test_loss"].tolist()[:2] == [pytest.approx(0.4), 0.2]
    assert isinstance(rounds["started_at"].dtype, pd.DatetimeTZDtype)
    assert str(rounds["started_at"].dtype.tz) == "UTC"
    assert str(rounds["test_accuracy"].dtype) == "float64"

    per_client = results.to_pandas(per_client=True)
    assert per_client[["round", "client"]].values.tolist() == [
        [1, "a"],
        [1, "b"],
        [2, "a"],
        [2, "b"],
    ]
    assert per_client["test_accuracy"].tolist()[:2] == [0.9, 0.8]


def test_to_pandas_without_pandas_names_the_extra(
    server: FakeServer, client: Scaleout, monkeypatch: pytest.MonkeyPatch
) -> None:
    _serve(server)
    results = client.get_session_results("s1")
    _hide(monkeypatch, "pandas")
    with pytest.raises(MissingExtraError, match=r'pip install "scaleout-sdk\[pandas\]"'):
        results.to_pandas()


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_plot_session_writes_one_panel_per_metric_family(
    server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    pytest.importorskip("matplotlib")
    _serve(server)
    both = client.plot_session("s1", path=tmp_path / "both.png")
    accuracy = client.plot_session("s1", metrics=["accuracy"], path=tmp_path / "acc.png")
    loss = client.plot_session("s1", metrics=["test_loss"], path=tmp_path)

    assert both == tmp_path / "both.png"
    assert loss == tmp_path / "session-s1.png"
    two_wide, high = _png_size(both)
    one_wide, same_high = _png_size(accuracy)
    assert same_high == high
    assert two_wide > 1.7 * one_wide  # two panels side by side, not one
    assert _png_size(loss)[0] == one_wide


@pytest.mark.parametrize(
    ("fraction", "label"),
    [(0.925, "92.5%"), (0.9, "90%"), (0.875, "87.5%"), (0.001, "0.1%"), (1.0, "100%"), (0.0, "0%")],
)
def test_percent_ticks_are_labelled_as_placed(fraction: float, label: str) -> None:
    from scaleout.plotting import percent_tick

    assert percent_tick(fraction) == label


def test_plot_session_refuses_unknown_metrics(
    server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    pytest.importorskip("matplotlib")
    _serve(server)
    with pytest.raises(InvalidArgumentError, match="no metric 'f1'.*test_loss, test_accuracy"):
        client.plot_session("s1", metrics=["f1"], path=tmp_path / "x.png")
    with pytest.raises(ArgumentTypeError):
        client.plot_session("s1", metrics="test_loss", path=tmp_path / "x.png")  # type: ignore[arg-type]
    assert not (tmp_path / "x.png").exists()


def test_plot_session_without_metrics_says_so(
    server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    pytest.importorskip("matplotlib")
    _serve(server, validations=[])
    with pytest.raises(InvalidArgumentError, match="no validation metrics to plot yet"):
        client.plot_session("s1", path=tmp_path / "x.png")


def test_plot_session_without_matplotlib_fails_before_any_request(
    server: FakeServer, client: Scaleout, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _hide(monkeypatch, "matplotlib")
    with pytest.raises(MissingExtraError, match=r"\[plot\] extra") as info:
        client.plot_session("s1", path=tmp_path / "x.png")
    assert info.value.extra == "plot"
    assert isinstance(info.value, ImportError)
    assert server.requests == []


def _hide(monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    """Make ``module`` unimportable, as if not installed."""
    monkeypatch.setitem(sys.modules, module, None)


def test_validations_find_their_round_when_combiners_name_another_model_id() -> None:
    """FEDn 0.33: a round's combiner names a model id that is not in the model trail, and
    validations carry no meta; the round's model is the child of the model it started from."""
    from scaleout.results import session_results

    rounds = [
        _round("1", "Wed, 04 Mar 2026 16:43:30 GMT", "combiner-x", start="seed"),
        _round("2", "Wed, 04 Mar 2026 16:43:40 GMT", "combiner-y", start="m1"),
    ]
    models = [
        example("Model", model_id="m1", parent_model="seed", session_id="s1"),
        example("Model", model_id="m2", parent_model="m1", session_id="s1"),
    ]
    validations = [
        _validation("v1", "m1", {"test_loss": 0.5}, "a"),
        _validation("v2", "m2", {"test_loss": 0.25}, "a"),
    ]
    results = session_results(SESSION, rounds, models, validations)
    assert [(r.round, r.model_id, r.metrics) for r in results.rounds] == [
        (1, "m1", {"test_loss": 0.5}),
        (2, "m2", {"test_loss": 0.25}),
    ]
    assert results.model_id == "m2"
