"""Every public member of ``Scaleout`` and ``AsyncScaleout``, over real sockets, against a local
controller that requires tokens.

One controller serves the module. Its handlers are wrapped to note each request they serve
(method, path, authorization scheme and the tests' own headers) and to stall a request that
asks for it, so what a call sent is checked at the server: that a ``with_options`` view's
headers reach every request of an upload or a download, and that a per-call timeout ends a call
the controller never answers.

Each test declares the members it exercises (``@exercises``) and fails at teardown unless each
of them returned normally and, if it sends requests, reached the controller.
``test_every_public_member_is_exercised`` holds the declarations against ``dir()`` of both
clients.
"""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import threading
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

pytest.importorskip("connexion", reason="needs the [local] extra")
pytest.importorskip("numpy", reason="needs the [local] extra")

from scaleout_api.api.controller import get_controller_status  # noqa: E402
from starlette.responses import Response  # noqa: E402

from scaleout import APITimeoutError, AsyncScaleout, ClientClosedError, Scaleout  # noqa: E402
from scaleout.local import LocalController, write_compute_package  # noqa: E402
from scaleout.local.handlers import REGISTRY  # noqa: E402
from scaleout.local.http import Call, Handler  # noqa: E402

pytestmark = [pytest.mark.local, pytest.mark.timeout(120)]

#: Sent by a test through ``with_options(extra_headers=...)`` and noted by the controller.
TRACE = "x-e2e-trace"
#: A request carrying this header is held by the controller until the test releases it.
STALL = "x-e2e-stall"
#: The longest a stalled request is held if a test never releases it.
STALL_LIMIT = 60.0
REFRESH = "/api/auth/refresh"
#: Members that send nothing themselves: exercised without reaching the controller.
OFFLINE = frozenset({"close", "aclose", "url"})


# -- the controller, and what it saw ---------------------------------------------------------


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    scheme: str | None
    trace: str | None
    stalled: bool


class Server:
    """What the controller's handlers were asked, and the switch that releases stalled ones."""

    def __init__(self) -> None:
        self._seen: list[Seen] = []
        self._changed = threading.Condition()
        self._release = threading.Event()

    def observing(self, handle: Handler) -> Handler:
        def observed(call: Call) -> Response:
            headers = call.request.headers
            authorization = headers.get("authorization")
            seen = Seen(
                method=call.request.method,
                path=call.request.url.path,
                scheme=authorization.split(" ")[0] if authorization else None,
                trace=headers.get(TRACE),
                stalled=STALL in headers,
            )
            release = self._release
            with self._changed:
                self._seen.append(seen)
                self._changed.notify_all()
            if seen.stalled:
                release.wait(STALL_LIMIT)
            return handle(call)

        return observed

    def count(self) -> int:
        with self._changed:
            return len(self._seen)

    def since(self, start: int) -> list[Seen]:
        with self._changed:
            return self._seen[start:]

    def wait_for_stalled(self, start: int) -> None:
        """Wait until a stalled request, sent after ``start``, has reached a handler."""
        with self._changed:
            assert self._changed.wait_for(
                lambda: any(s.stalled for s in self._seen[start:]), timeout=30
            ), "the stalled request never reached the controller"

    def release_stalled(self) -> None:
        self._release.set()
        self._release = threading.Event()


@pytest.fixture
def allowed_hosts() -> list[str]:
    """Let pytest-recording's ``--block-network`` through to loopback, and nowhere else."""
    return [r"127\.0\.0\.1$", r"localhost$", r"::1$"]


@pytest.fixture(scope="module")
def server() -> Server:
    return Server()


@pytest.fixture(scope="module")
def controller(server: Server) -> Iterator[LocalController]:
    overrides = {operation_id: server.observing(h) for operation_id, h in REGISTRY.items()}
    with LocalController(clients=3, auth=True, handler_overrides=overrides) as ctl:
        try:
            yield ctl
        finally:
            server.release_stalled()


# -- driving a client, and what it exercised -------------------------------------------------


class Exercised:
    """The requests the controller saw for each successful call, by member name."""

    def __init__(self) -> None:
        self.calls: dict[str, list[list[Seen]]] = defaultdict(list)
        self.last: list[Seen] = []

    def note(self, name: str, seen: list[Seen]) -> None:
        self.calls[name].append(seen)
        self.last = seen

    def reached_controller(self, name: str) -> bool:
        return any(self.calls.get(name, []))


async def _collect(items: AsyncIterator[Any]) -> list[Any]:
    return [item async for item in items]


class Driver:
    """A ``Scaleout``, or an ``AsyncScaleout`` run on an event loop, driven from a sync test.

    An ``iter_*`` listing is gathered into a list. Each call that returns normally is noted
    with the requests the controller saw while it ran (calls run one at a time).
    """

    def __init__(
        self,
        sdk: Any,
        runner: asyncio.Runner | None,
        server: Server,
        exercised: Exercised,
        *,
        view: bool = False,
    ) -> None:
        self._sdk = sdk
        self._runner = runner
        self._server = server
        self._exercised = exercised
        self._view = view

    @property
    def flavour(self) -> str:
        return "sync" if self._runner is None else "async"

    @property
    def last(self) -> list[Seen]:
        """What the controller saw during the last successful call."""
        return self._exercised.last

    @property
    def url(self) -> str:
        url = str(self._sdk.url)
        self._exercised.note("url", [])
        return url

    def generated(self, operation: Any) -> Any:
        """Call a generated operation module through ``client.api``."""
        start = self._server.count()
        if self._runner is None:
            result = operation.sync(client=self._sdk.api)
        else:
            result = self._runner.run(operation.asyncio(client=self._sdk.api))
        self._exercised.note("api", self._server.since(start))
        return result

    def with_options(self, **options: Any) -> Driver:
        view = self._sdk.with_options(**options)
        return Driver(view, self._runner, self._server, self._exercised, view=True)

    def __getattr__(self, name: str) -> Any:
        member = getattr(self._sdk, name)
        assert callable(member), name

        def call(*args: Any, **kwargs: Any) -> Any:
            start = self._server.count()
            result = self._finish(member(*args, **kwargs))
            seen = self._server.since(start)
            if self._view:
                self._exercised.note("with_options", seen)
            self._exercised.note(name, seen)
            return result

        return call

    def _finish(self, result: Any) -> Any:
        if inspect.isawaitable(result):
            assert self._runner is not None
            return self._runner.run(result)
        if hasattr(result, "__aiter__"):
            assert self._runner is not None
            return self._runner.run(_collect(result))
        if inspect.isgenerator(result):
            return list(result)
        return result


def exercises(*names: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Declare the public members a test exercises; its ``client`` checks them at teardown."""

    def declare(test: Callable[..., None]) -> Callable[..., None]:
        test.exercises = frozenset(names)  # type: ignore[attr-defined]
        DECLARED[test.__name__] = frozenset(names)
        return test

    return declare


DECLARED: dict[str, frozenset[str]] = {}


@pytest.fixture(params=["sync", "async"])
def make_client(
    request: pytest.FixtureRequest, controller: LocalController, server: Server
) -> Iterator[Callable[[], Driver]]:
    """Clients of the flavour with the controller's refresh token; checked at teardown."""
    flavour = request.param
    cls = Scaleout if flavour == "sync" else AsyncScaleout
    runner = asyncio.Runner() if flavour == "async" else None
    exercised = Exercised()
    made: list[Any] = []

    def make() -> Driver:
        sdk = cls(controller.url, token=controller.refresh_token, token_cache=False)
        made.append(sdk)
        return Driver(sdk, runner, server, exercised)

    try:
        yield make
    finally:
        for sdk in made:
            if runner is None:
                sdk.close()
            else:
                runner.run(sdk.close())
        if runner is not None:
            runner.close()
    declared = getattr(request.function, "exercises", frozenset())
    mine = sorted(name for name in declared if hasattr(cls, name))
    assert [name for name in mine if name not in exercised.calls] == [], "never returned"
    silent = [n for n in mine if n not in OFFLINE and not exercised.reached_controller(n)]
    assert silent == [], "returned without a request reaching the controller"


@pytest.fixture
def client(make_client: Callable[[], Driver]) -> Driver:
    return make_client()


def _prepare(client: Driver, controller: LocalController, folder: Path) -> Path:
    """An active compute package and seed model; the seed model's path."""
    package = write_compute_package(folder / "package.tgz")
    client.set_active_package(package, "numpyhelper", f"e2e-{client.flavour}")
    seed = controller.write_seed_model(folder / "seed.npz")
    client.set_active_model(seed)
    return seed


def _assert_upload_traced(seen: list[Seen], trace: str, created: str) -> None:
    # The token exchange is the client's, shared by its views: it carries no view's headers.
    seen = [s for s in seen if s.path != REFRESH]
    paths = [s.path for s in seen]
    assert [s.trace for s in seen] == [trace] * len(seen), paths
    assert paths[0] == "/api/v1/file-upload/init"
    assert any(p.endswith("/chunk") for p in paths) and any(p.endswith("/complete") for p in paths)
    assert paths[-1] == created


# -- the tests ---------------------------------------------------------------------------


@exercises(
    "url",
    "api",
    "get_controller_status",
    "get_clients",
    "get_clients_count",
    "get_client",
    "iter_clients",
    "get_active_clients",
    "get_combiners",
    "get_combiners_count",
    "get_combiner",
    "iter_combiners",
    "set_public_hostname",
    "get_client_config",
)
def test_network(client: Driver, controller: LocalController) -> None:
    assert urlsplit(client.url).port == controller.port
    assert client.get_controller_status()["state"] == "idle"
    assert client.generated(get_controller_status).to_dict() == {"state": "idle"}

    clients = client.get_clients()
    assert sorted(c["client_id"] for c in clients["result"]) == sorted(controller.clients.values())
    assert client.get_clients_count() == 3 == client.get_clients_count(only_active=True)
    first = clients["result"][0]
    assert client.get_client(first["client_id"])["name"] == first["name"]
    assert len(client.iter_clients(page_size=2)) == 3

    (combiner,) = client.get_combiners()["result"]
    assert client.get_combiners_count() == 1
    assert client.get_combiner(combiner["combiner_id"])["name"] == combiner["name"]
    assert [c["combiner_id"] for c in client.iter_combiners()] == [combiner["combiner_id"]]
    assert client.get_active_clients(combiner_id=combiner["name"])["count"] == 3

    hostname = f"edge-{client.flavour}.example.com:443"
    assert "message" in client.set_public_hostname(combiner["combiner_id"], hostname)
    assert client.get_combiner(combiner["combiner_id"])["public_hostname"] == hostname
    config = client.get_client_config(checksum=False)
    assert (config["discover_host"], config["discover_port"]) == ("127.0.0.1", controller.port)


@exercises(
    "with_options",
    "set_active_package",
    "get_active_package",
    "get_package",
    "get_packages",
    "get_packages_count",
    "iter_packages",
    "get_package_checksum",
    "get_client_config",
    "download_package",
    "set_active_model",
    "get_active_model",
    "get_model",
    "get_models",
    "get_models_count",
    "iter_models",
    "get_model_trail",
    "download_model",
)
def test_uploads_and_downloads_through_with_options(
    client: Driver, controller: LocalController, tmp_path: Path
) -> None:
    package = write_compute_package(tmp_path / "package.tgz")
    name = f"e2e-{client.flavour}"
    traced = client.with_options(timeout=600, extra_headers={TRACE: "package"})
    assert "message" in traced.set_active_package(package, "numpyhelper", name, "end to end")
    _assert_upload_traced(client.last, "package", "/api/v1/packages/")

    active = client.get_active_package()
    assert (active["name"], active["description"], active["active"]) == (name, "end to end", True)
    assert client.get_package(active["package_id"]) == active
    count = client.get_packages_count()
    assert client.get_packages()["count"] == count
    assert active["package_id"] in [p["package_id"] for p in client.iter_packages(page_size=1)]
    checksum = hashlib.sha256(package.read_bytes()).hexdigest()
    assert client.get_package_checksum()["checksum"] == checksum
    assert client.get_client_config()["checksum"] == checksum

    out = tmp_path / "out"
    out.mkdir()
    traced = client.with_options(timeout=600, extra_headers={TRACE: "package-download"})
    assert traced.download_package(out / "package.tgz")["success"] is True
    assert (out / "package.tgz").read_bytes() == package.read_bytes()
    assert [(s.path, s.trace) for s in client.last] == [
        ("/api/v1/packages/download", "package-download")
    ]

    seed = controller.write_seed_model(tmp_path / "seed.npz")
    models = client.get_models_count()
    traced = client.with_options(extra_headers={TRACE: "model"})
    assert "message" in traced.set_active_model(seed)
    _assert_upload_traced(client.last, "model", "/api/v1/models/")
    model = client.get_active_model()
    assert model is not None and model["parent_model"] is None
    assert client.get_model(model["model_id"]) == model
    assert client.get_models_count() == models + 1 == client.get_models()["count"]
    assert model["model_id"] in [m["model_id"] for m in client.iter_models(page_size=2)]
    assert [m["model_id"] for m in client.get_model_trail(model["model_id"])] == [model["model_id"]]

    # The README's example, then the same download with a header the controller must see.
    result = client.with_options(timeout=600).download_model(model["model_id"], out / "model.npz")
    assert result["size"] == seed.stat().st_size
    assert (out / "model.npz").read_bytes() == seed.read_bytes()
    traced = client.with_options(extra_headers={TRACE: "model-download"})
    traced.download_model(model["model_id"], out / "again.npz")
    assert [(s.path, s.trace) for s in client.last] == [
        (f"/api/v1/models/{model['model_id']}/download", "model-download")
    ]


def test_a_per_call_timeout_ends_a_call_the_controller_never_answers(
    client: Driver, controller: LocalController, server: Server, tmp_path: Path
) -> None:
    seed = _prepare(client, controller, tmp_path)
    model = client.get_active_model()
    assert model is not None
    # Without the per-call timeout, each call would wait out the stall (the default read
    # timeout is longer) and then succeed.
    stalled = client.with_options(timeout=0.5, max_retries=0, extra_headers={STALL: "yes"})
    out = tmp_path / "out"
    out.mkdir()
    calls: dict[str, Callable[[], Any]] = {
        "download_model": lambda: stalled.download_model(model["model_id"], out / "model.npz"),
        "download_package": lambda: stalled.download_package(out / "package.tgz"),
        "set_active_model": lambda: stalled.set_active_model(seed),
        "set_active_package": lambda: stalled.set_active_package(
            tmp_path / "package.tgz", "numpyhelper", "never-added"
        ),
    }
    for name, call in calls.items():
        start = server.count()
        try:
            with pytest.raises(APITimeoutError):
                call()
            server.wait_for_stalled(start)
        finally:
            server.release_stalled()
        assert list(out.iterdir()) == [], f"{name} left a file"


@exercises(
    "start_session",
    "wait_for_session",
    "get_session",
    "get_session_status",
    "session_is_finished",
    "get_sessions",
    "get_sessions_count",
    "iter_sessions",
    "get_rounds",
    "get_rounds_count",
    "get_round",
    "iter_rounds",
    "get_models",
    "get_validations",
    "get_validations_count",
    "get_validation",
    "iter_validations",
    "get_statuses",
    "get_statuses_count",
    "get_status",
    "iter_statuses",
    "get_metrics",
    "get_metrics_count",
    "iter_metrics",
    "start_validation",
    "continue_session",
    "get_session_results",
    "get_round_validations",
    "get_session_model",
    "plot_session",
)
def test_a_training_session(client: Driver, controller: LocalController, tmp_path: Path) -> None:
    _prepare(client, controller, tmp_path)
    name = f"e2e session {client.flavour}"
    sessions = client.get_sessions_count()
    started = client.start_session(name=name, rounds=1, round_timeout=30, helper="numpyhelper")
    session_id = started["session_id"]
    rounds: list[dict[str, Any]] = []
    session = client.wait_for_session(
        session_id, timeout=60, poll_interval=0.05, on_round=rounds.append
    )
    assert session["status"] == "Finished" and len(rounds) == 1

    assert client.get_session(session_id) == session
    assert client.get_session(name=name)["session_id"] == session_id
    assert client.get_session_status(session_id) == "Finished"
    assert client.session_is_finished(session_id) is True
    assert client.get_sessions_count() == sessions + 1
    assert client.get_sessions(name=name)["count"] == 1
    assert session_id in [s["session_id"] for s in client.iter_sessions(page_size=1)]

    round_id = rounds[0]["round_id"]
    assert client.get_round(round_id)["round_id"] == round_id
    assert [r["round_id"] for r in client.iter_rounds(session_id)] == [round_id]
    assert client.get_rounds()["count"] == client.get_rounds_count() >= 1

    validations = client.get_validations(session_id=session_id)
    assert validations["count"] == client.get_validations_count(session_id=session_id) > 0
    found = client.iter_validations(filters={"session_id": session_id})
    assert len(found) == validations["count"]
    first = validations["result"][0]
    assert client.get_validation(first["validation_id"]) == first

    statuses = client.get_statuses(session_id=session_id)
    assert statuses["count"] == len(client.iter_statuses(filters={"session_id": session_id})) > 0
    assert client.get_statuses_count() >= statuses["count"]
    one = statuses["result"][0]
    assert client.get_status(one["status_id"]) == one

    metrics = client.iter_metrics(filters={"session_id": session_id})
    assert metrics and all(isinstance(m["value"], float) for m in metrics)
    assert client.get_metrics_count(session_id=session_id) == len(metrics)
    assert client.get_metrics(session_id=session_id)["count"] == len(metrics)

    (model,) = client.get_models(session_id=session_id)["result"]
    assert "message" in client.start_validation(session_id, model["model_id"])
    continued = client.continue_session(session_id, rounds=1, round_timeout=30)
    assert continued["session_id"] == session_id
    session = client.wait_for_session(session_id, timeout=60, poll_interval=0.05)
    assert session["status"] == "Finished"
    assert len(client.iter_rounds(session_id)) == 2

    results = client.get_session_results(session_id)
    assert [r.round for r in results.rounds] == [1, 2]
    assert results.model_id == results.rounds[-1].model_id
    assert client.get_session_model(session_id)["model_id"] == results.model_id
    per_client = client.get_round_validations(session_id, 2)
    assert per_client and all(v.round == 2 for v in per_client)
    plot = client.plot_session(session_id, metrics=["loss"], path=tmp_path / "loss.png")
    assert plot.read_bytes()[:4] == b"\x89PNG"


@exercises("start_session", "step_current_session", "stop_current_session", "wait_for_session")
def test_step_and_stop_the_current_session(
    client: Driver, controller: LocalController, tmp_path: Path
) -> None:
    _prepare(client, controller, tmp_path)
    started = client.start_session(rounds=50, round_timeout=30, helper="numpyhelper")
    assert "message" in client.step_current_session()
    assert "message" in client.stop_current_session()
    session = client.wait_for_session(started["session_id"], timeout=60, poll_interval=0.05)
    assert session["status"] == "Terminated"


@exercises(
    "add_attributes",
    "get_current_attributes",
    "get_attribute_trail",
    "iter_attributes",
    "add_status",
    "get_status",
)
def test_attributes_and_statuses(client: Driver, controller: LocalController) -> None:
    client_id = controller.clients["client-1"]
    key = f"e2e-{client.flavour}"
    for value in ("1", "2"):
        stored = client.add_attributes(
            {"key": key, "value": value, "sender": {"client_id": client_id}}
        )
        assert (stored["key"], stored["value"]) == (key, value)
    assert client.get_current_attributes([client_id])[client_id][key] == "2"
    trail = client.get_attribute_trail(client_id)["result"]
    assert sorted(a["value"] for a in trail if a["key"] == key) == ["1", "2"]
    assert len(client.iter_attributes(filters={"key": key}, page_size=1)) == 2

    status = client.add_status(
        {
            "status": key,
            "log_level": "INFO",
            "type": "MODEL_UPDATE",
            "sender": {"client_id": client_id},
        }
    )
    assert client.get_status(status["status_id"])["status"] == key


@exercises(
    "run_custom_command",
    "get_command",
    "get_commands",
    "get_commands_count",
    "get_commands_roots",
    "stage_model",
    "start_inference",
    "step_command",
    "stop_command",
    "start_predictions",
    "get_predictions",
    "iter_predictions",
    "get_prediction",
)
def test_commands_and_predictions(
    client: Driver, controller: LocalController, tmp_path: Path
) -> None:
    ids = sorted(controller.clients.values())
    client.set_active_model(controller.write_seed_model(tmp_path / "seed.npz"))
    model = client.get_active_model()
    assert model is not None

    echo = client.run_custom_command("echo", blocking=True, timeout=30, parameters={"n": 1})
    assert sorted(echo["result"]) == ids
    assert client.get_command(echo["correlation_id"])["command_type"] == "Custom_echo"
    assert client.get_commands(parent_correlation_id=echo["correlation_id"])["count"] == 3
    assert client.get_commands_count() == client.get_commands()["count"]
    roots = client.get_commands_roots()["result"]
    assert echo["correlation_id"] in [c["correlation_id"] for c in roots]

    assert client.stage_model(model["model_id"], client_ids=ids[:1])["correlation_id"]
    inference = client.start_inference(model["model_id"], timeout=30, parameters={"n": 2})
    assert sorted(inference["result"]) == ids

    # A client that never answers keeps its commands running until they are skipped or stopped.
    silent = [controller.clients["client-1"]]
    controller.set_client_behaviour("client-1", drop=True)
    try:
        skipped = client.run_custom_command("echo", timeout=30, client_ids=silent)
        assert "message" in client.step_command(skipped["correlation_id"])
        stopped = client.run_custom_command("echo", timeout=30, client_ids=silent)
        assert "message" in client.stop_command(stopped["correlation_id"])
    finally:
        controller.reset_client_behaviour("client-1")

    prediction_id = f"e2e-{client.flavour}-{model['model_id']}"
    assert client.start_predictions(prediction_id=prediction_id)["prediction_id"] == prediction_id
    deadline = time.monotonic() + 30
    while client.get_predictions(correlation_id=prediction_id)["count"] < 3:
        assert time.monotonic() < deadline, "the clients never sent their predictions"
        time.sleep(0.05)
    found = client.iter_predictions(filters={"correlation_id": prediction_id})
    assert len(found) == 3
    assert client.get_prediction(found[0]["prediction_id"]) == found[0]


@exercises("close", "aclose", "get_controller_status")
def test_a_closed_client_refuses_calls(make_client: Callable[[], Driver]) -> None:
    closers = ["close", "aclose"] if make_client().flavour == "async" else ["close"]
    for closer in closers:
        client = make_client()
        assert client.get_controller_status()["state"] == "idle"
        getattr(client, closer)()
        with pytest.raises(ClientClosedError):
            client.get_controller_status()


def test_every_public_member_is_exercised() -> None:
    public = {
        name for cls in (Scaleout, AsyncScaleout) for name in dir(cls) if not name.startswith("_")
    }
    declared = set().union(*DECLARED.values())
    assert sorted(public - declared) == [], "not exercised by this module"
    assert sorted(declared - public) == [], "declared, but not a public member"
    for name in DECLARED:
        parameters = inspect.signature(globals()[name]).parameters
        assert {"client", "make_client"} & set(parameters), f"{name} has no checked client"
