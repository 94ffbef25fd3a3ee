"""The scaleout pytest plugin, run the way a user runs it: test files in a pytester directory.

Sessions run in process (``runpytest_inprocess``) where they can; the server modules are
imported here first, so that pytester's restoring of ``sys.modules`` after each run keeps
them and the runs do not import them again. httpcore above all: httpx maps httpcore's
exceptions through a table it fills once, and a second httpcore would leave later tests with
raw ``httpcore.ConnectError`` where httpx's own exceptions belong. Only the check of what a
session that does not use the plugin imports needs a fresh interpreter.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from typing import Any

import httpcore  # noqa: F401  (httpx imports it on first use; see above)
import pytest

import scaleout._client  # noqa: F401  (kept loaded across in-process runs, see above)
import scaleout.local  # noqa: F401

from ._docs import examples

pytest_plugins = ["pytester"]
pytestmark = [pytest.mark.local, pytest.mark.timeout(600)]


@pytest.fixture(autouse=True)
def earlier_garbage_collected() -> None:
    """The in-process sessions run with ``-W error``: an earlier test's unclosed socket,
    finalized by the garbage collector during one of them, would fail it. Collected here, its
    ResourceWarning lands in the test that left it, not in the user's session."""
    gc.collect()


def _write_examples(pytester: pytest.Pytester, prefix: str = "") -> list[str]:
    written = []
    for path, code in examples().items():
        if path.startswith(prefix) and "/" not in path[len(prefix) :]:
            target = pytester.path / path[len(prefix) :]
            target.write_text(code, encoding="utf-8")
            written.append(target.name)
    return written


def test_the_example_of_the_docs_passes(pytester: pytest.Pytester) -> None:
    files = _write_examples(pytester)
    assert {"pipeline.py", "test_pipeline.py", "test_faults.py", "test_async.py"} <= set(files)
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider", "-W", "error")
    result.assert_outcomes(passed=9)


_USER_TEST = """\
import pytest

from pipeline import train_and_pick_best


@pytest.mark.scaleout(clients=3, behaviours={"client-1": {"fail": True}})
def test_survives_a_failing_client_and_a_503_burst(scaleout_network, scaleout_faults):
    burst = scaleout_faults.unavailable("get_session", times=4, retry_after=0)

    result = train_and_pick_best(scaleout_network.client, rounds=2)

    assert burst.hits == 4
    assert result["failed_clients"] == ["client-1"]
    session = scaleout_network.client.get_models(session_id=result["session_id"])
    assert result["best_model"] in [m["model_id"] for m in session["result"]]
    assert len(scaleout_network.clients) == 3
"""


def test_a_user_file_of_under_30_lines_tests_a_pipeline_against_faults(
    pytester: pytest.Pytester,
) -> None:
    assert len(_USER_TEST.splitlines()) < 30
    pytester.makepyfile(pipeline=examples()["pipeline.py"], test_user=_USER_TEST)
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_markers_merge_closest_first_and_bad_options_are_named(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        test_options="""
        import asyncio

        import pytest

        from scaleout.local import ClientBehaviour

        pytestmark = pytest.mark.scaleout(clients=1, auth=False, seed=3)


        @pytest.mark.scaleout(auth=True, behaviours={"client-1": ClientBehaviour(online=False)})
        def test_merged(scaleout_controller, scaleout_client):
            assert scaleout_controller.auth and len(scaleout_controller.clients) == 1
            only = scaleout_client.get_client(scaleout_controller.clients["client-1"])
            assert only["status"] == "offline"


        @pytest.mark.scaleout(colour="red")
        def test_unknown_option(scaleout_controller):
            pass


        @pytest.mark.scaleout(behaviours={"client-7": {"fail": True}})
        def test_unknown_client(scaleout_controller):
            pass


        @pytest.mark.scaleout(3)
        def test_positional(scaleout_controller):
            pass


        @pytest.mark.parametrize("scaleout_controller", [5], indirect=True)
        def test_bad_parameter(scaleout_controller):
            pass


        def test_async_client_left_open(scaleout_async_client):
            asyncio.run(scaleout_async_client.get_clients_count())
        """
    )
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, errors=5)
    output = result.stdout.str()
    for message in (
        "@pytest.mark.scaleout: unknown option(s) colour; the options are clients, behaviours,",
        "@pytest.mark.scaleout: no simulated client 'client-7' (clients: client-1)",
        "@pytest.mark.scaleout takes keyword arguments only",
        "parametrize scaleout_controller with dicts of scaleout marker options, not 5",
        "Close it in the test, with `async with scaleout_async_client as client:`",
    ):
        assert message in output


def test_without_the_local_extra_the_fixtures_say_which_extra(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if the extra were missing: importing scaleout.local fails.
    monkeypatch.setitem(sys.modules, "scaleout.local", None)
    pytester.makepyfile(
        """
        def test_uses_it(scaleout_client):
            pass

        def test_does_not(tmp_path):
            pass
        """
    )
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=1)
    assert (
        "scaleout_controller needs the local controller, the [local] extra of scaleout-sdk: "
        "pip install 'scaleout-sdk[local]'" in result.stdout.str()
    )
    assert "During handling" not in result.stdout.str()


_HEAVY = ("connexion", "uvicorn", "starlette", "numpy", "scaleout.local")


def test_a_session_not_using_the_plugin_starts_and_imports_nothing_of_it(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        f"""
        import sys
        import threading


        def test_light(request):
            # The plugin is loaded (so this checks something)...
            assert request.config.pluginmanager.has_plugin("scaleout")
            assert "scaleout.testing.plugin" in sys.modules
            # ...yet no server module was imported and no controller runs.
            heavy = [
                name for name in sys.modules
                if name.split(".")[0] in set({_HEAVY!r}) or name.startswith("scaleout.local")
            ]
            assert heavy == []
            threads = [t.name for t in threading.enumerate()]
            assert not [n for n in threads if n.startswith(("scaleout-local", "sim-client"))]
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", timeout=300)
    result.assert_outcomes(passed=1)


def test_loading_the_plugin_imports_no_http_stack() -> None:
    probe = (
        "import json, sys\nimport scaleout.testing.plugin\nprint(json.dumps(sorted(sys.modules)))"
    )
    loaded: list[Any] = json.loads(
        subprocess.run(
            [sys.executable, "-c", probe], check=True, capture_output=True, text=True
        ).stdout
    )
    heavy = {n for n in loaded if n.split(".")[0] in {*_HEAVY, "httpx", "vcr", "scaleout_api"}}
    assert heavy | {n for n in loaded if n.startswith("scaleout.local")} == set()
