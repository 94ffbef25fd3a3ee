"""The ``scaleout`` pytest plugin: fixtures that run your code against a local controller.

pytest loads it through the ``pytest11`` entry point ``scaleout`` once ``scaleout-sdk`` is
installed (``-p no:scaleout`` turns it off). Loading it imports pytest and the standard
library only; the local controller, and with it connexion, uvicorn and numpy (the ``[local]``
extra), loads when a test first asks for one of the fixtures:

* ``scaleout_controller``: a running :class:`scaleout.local.LocalController`;
* ``scaleout_client`` / ``scaleout_async_client``: a :class:`scaleout.Scaleout` /
  :class:`scaleout.AsyncScaleout` connected to it (with a token when auth is on);
* ``scaleout_network``: a :class:`scaleout.testing.ScaleoutNetwork`, the controller with a
  compute package and a seed model uploaded;
* ``scaleout_faults``: the controller's :class:`scaleout.local.Faults`.

A fresh controller runs for each test, configured by the ``scaleout`` marker (on the test,
its class or its module; the closest wins) and by indirect parametrization of
``scaleout_controller`` with a dict of the same options.
"""

from __future__ import annotations

import asyncio
import dataclasses
import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ._network import ScaleoutNetwork
from ._vcr import register_matchers

if TYPE_CHECKING:
    from scaleout import AsyncScaleout, Scaleout
    from scaleout.local import Faults, LocalController

__all__ = [
    "MARKER",
    "OPTIONS",
    "scaleout_async_client",
    "scaleout_client",
    "scaleout_controller",
    "scaleout_faults",
    "scaleout_network",
]

MARKER = "scaleout"
#: The options of the marker, with their defaults.
OPTIONS: Mapping[str, Any] = {
    "clients": 3,
    "behaviours": None,
    "auth": False,
    "max_chunk_size": None,
    "max_file_size": None,
    "data_dir": None,
    "seed": 0,
    "access_token_ttl": 300.0,
    "response_delay": 0.0,
}
_EXTRA_HINT = "pip install 'scaleout-sdk[local]'"


def pytest_configure(config: pytest.Config) -> None:
    signature = ", ".join(f"{name}={default!r}" for name, default in OPTIONS.items())
    config.addinivalue_line(
        "markers",
        f"{MARKER}({signature}): the local controller that the scaleout_* fixtures start for "
        "this test; behaviours maps a client name to ClientBehaviour fields, e.g. "
        '{"client-2": {"fail": True}} (scaleout.testing)',
    )


@pytest.hookimpl(optionalhook=True)
def pytest_recording_configure(config: pytest.Config, vcr: Any) -> None:
    """pytest-recording's hook: the matchers that ``scaleout.testing.vcr_config()`` names."""
    register_matchers(vcr)


# -- fixtures -------------------------------------------------------------------------------------


@pytest.fixture
def scaleout_controller(request: pytest.FixtureRequest) -> Iterator[LocalController]:
    """A running local controller with simulated clients, as the ``scaleout`` marker says."""
    options = _options(request)
    controller_class = _local_controller_class()
    behaviours = options.pop("behaviours") or {}
    settings = {k: v for k, v in options.items() if v is not None}
    try:
        controller = controller_class(**settings)
    except (TypeError, ValueError) as exc:
        pytest.fail(f"@pytest.mark.{MARKER}: {exc}", pytrace=False)
    controller.start()
    try:
        _behave(controller, behaviours)
        yield controller
    finally:
        controller.stop()


@pytest.fixture
def scaleout_faults(scaleout_controller: LocalController) -> Faults:
    """The controller's faults: error answers by operationId, dropped clients, failed runs."""
    return scaleout_controller.faults


@pytest.fixture
def scaleout_client(scaleout_controller: LocalController) -> Iterator[Scaleout]:
    """A :class:`scaleout.Scaleout` connected to ``scaleout_controller``."""
    from scaleout import Scaleout

    with Scaleout(scaleout_controller.url, **_client_options(scaleout_controller)) as client:
        yield client


@pytest.fixture
def scaleout_async_client(scaleout_controller: LocalController) -> Iterator[AsyncScaleout]:
    """A :class:`scaleout.AsyncScaleout` connected to ``scaleout_controller``.

    Use it as ``async with scaleout_async_client as client:`` inside the test's event loop,
    so that it is closed on that loop. One left open is closed after the test if it can be;
    if its connections belong to an event loop that is gone by then, the test errors.
    """
    from scaleout import AsyncScaleout

    client = AsyncScaleout(scaleout_controller.url, **_client_options(scaleout_controller))
    yield client
    try:
        asyncio.run(client.close())
    except RuntimeError as exc:
        problem = str(exc)
    else:
        return
    pytest.fail(
        f"scaleout_async_client could not be closed after the test ({problem}): its "
        "connections belong to an event loop that has ended. Close it in the test, with "
        "`async with scaleout_async_client as client:`",
        pytrace=False,
    )


@pytest.fixture
def scaleout_network(
    scaleout_controller: LocalController, scaleout_client: Scaleout, tmp_path: Path
) -> ScaleoutNetwork:
    """The controller with a compute package and a seed model uploaded through the SDK."""
    from scaleout.local import write_compute_package

    folder = tmp_path / "scaleout-network"
    package = write_compute_package(folder / "package.tgz")
    seed = scaleout_controller.write_seed_model(folder / "seed.npz")
    name = "scaleout-testing"
    scaleout_client.set_active_package(package, helper="numpyhelper", name=name)
    added = scaleout_client.set_active_model(seed)
    model_id = added.get("model_id")
    if not model_id:
        newest = scaleout_client.get_models(n_max=1)["result"]
        model_id = newest[0]["model_id"]
    return ScaleoutNetwork(
        controller=scaleout_controller,
        client=scaleout_client,
        model_id=str(model_id),
        package_name=name,
        package_path=package,
        seed_model_path=seed,
    )


# -- helpers --------------------------------------------------------------------------------------


def _local_controller_class() -> type[LocalController]:
    try:
        with warnings.catch_warnings():
            # Deprecations inside connexion's own imports are not the test's business, and
            # under -W error they would fail it.
            warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"connexion\b")
            from scaleout.local import LocalController
    except ImportError as exc:
        problem = str(exc)
    else:
        return LocalController
    pytest.fail(
        "scaleout_controller needs the local controller, the [local] extra of scaleout-sdk: "
        f"{_EXTRA_HINT} (import failed: {problem})",
        pytrace=False,
    )


def _options(request: pytest.FixtureRequest) -> dict[str, Any]:
    options = dict(OPTIONS)
    # iter_markers gives the closest first; apply the farthest first so the closest wins.
    for mark in reversed(list(request.node.iter_markers(MARKER))):
        if mark.args:
            pytest.fail(f"@pytest.mark.{MARKER} takes keyword arguments only", pytrace=False)
        options.update(_checked(mark.kwargs, f"@pytest.mark.{MARKER}"))
    param = getattr(request, "param", None)
    if param is not None:
        if not isinstance(param, Mapping):
            pytest.fail(
                f"parametrize {request.fixturename} with dicts of {MARKER} marker options, "
                f"not {param!r}",
                pytrace=False,
            )
        options.update(_checked(param, f"the parameter of {request.fixturename}"))
    return options


def _checked(options: Mapping[str, Any], source: str) -> Mapping[str, Any]:
    unknown = sorted(set(options) - set(OPTIONS))
    if unknown:
        pytest.fail(
            f"{source}: unknown option(s) {', '.join(unknown)}; the options are "
            f"{', '.join(OPTIONS)}",
            pytrace=False,
        )
    return options


def _behave(controller: LocalController, behaviours: Mapping[str, Any]) -> None:
    if not isinstance(behaviours, Mapping):
        pytest.fail(f"@pytest.mark.{MARKER}: behaviours must be a dict", pytrace=False)
    for name, behaviour in behaviours.items():
        fields = (
            dataclasses.asdict(behaviour)
            if dataclasses.is_dataclass(behaviour) and not isinstance(behaviour, type)
            else dict(behaviour)
        )
        try:
            controller.set_client_behaviour(name, **fields)
        except KeyError:
            pytest.fail(
                f"@pytest.mark.{MARKER}: no simulated client {name!r} "
                f"(clients: {', '.join(controller.clients) or 'none'})",
                pytrace=False,
            )
        except TypeError as exc:
            pytest.fail(f"@pytest.mark.{MARKER}: behaviours[{name!r}]: {exc}", pytrace=False)


def _no_token() -> None:
    return None


def _client_options(controller: LocalController) -> dict[str, Any]:
    # Everything explicit, so that SCALEOUT_AUTH_* variables and the token cache of the
    # machine running the tests play no part.
    if controller.auth:
        return {
            "token": controller.refresh_token,
            "token_endpoint": f"{controller.url}/api/auth/refresh",
            "auth_scheme": "Bearer",
            "token_cache": False,
        }
    return {"access_token_provider": _no_token, "auth_scheme": "Bearer", "token_cache": False}
