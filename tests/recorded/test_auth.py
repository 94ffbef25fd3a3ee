"""Auth against a controller that requires tokens: the refresh flow, and a rejected token
raising ``AuthenticationError`` from every public method (each method's recorded error path).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scaleout import AuthenticationError, Scaleout, TokenRefreshError

from ._files import compute_package, seed_model
from .conftest import REDACTED

Call = Callable[[Scaleout, Path], Any]

#: One call per public method, with arguments that would be valid on an open controller.
CALLS: dict[str, Call] = {
    "add_attributes": lambda c, _: c.add_attributes(
        {"key": "k", "value": "v", "sender": {"client_id": "c"}}
    ),
    "add_status": lambda c, _: c.add_status({"status": "s"}),
    "continue_session": lambda c, _: c.continue_session("s-1"),
    "download_model": lambda c, d: c.download_model("m-1", d / "m.npz"),
    "download_package": lambda c, d: c.download_package(d / "p.tgz"),
    "get_active_clients": lambda c, _: c.get_active_clients(),
    "get_active_model": lambda c, _: c.get_active_model(),
    "get_active_package": lambda c, _: c.get_active_package(),
    "get_attribute_trail": lambda c, _: c.get_attribute_trail("c-1"),
    "get_client": lambda c, _: c.get_client("c-1"),
    "get_client_config": lambda c, _: c.get_client_config(),
    "get_clients": lambda c, _: c.get_clients(),
    "get_clients_count": lambda c, _: c.get_clients_count(),
    "get_combiner": lambda c, _: c.get_combiner("k-1"),
    "get_combiners": lambda c, _: c.get_combiners(),
    "get_combiners_count": lambda c, _: c.get_combiners_count(),
    "get_controller_status": lambda c, _: c.get_controller_status(),
    "get_current_attributes": lambda c, _: c.get_current_attributes(["c-1"]),
    "get_model": lambda c, _: c.get_model("m-1"),
    "get_model_trail": lambda c, _: c.get_model_trail("m-1"),
    "get_models": lambda c, _: c.get_models(),
    "get_models_count": lambda c, _: c.get_models_count(),
    "get_package": lambda c, _: c.get_package("p-1"),
    "get_package_checksum": lambda c, _: c.get_package_checksum(),
    "get_packages": lambda c, _: c.get_packages(),
    "get_packages_count": lambda c, _: c.get_packages_count(),
    "get_predictions": lambda c, _: c.get_predictions(),
    "get_round": lambda c, _: c.get_round("r-1"),
    "get_rounds": lambda c, _: c.get_rounds(),
    "get_rounds_count": lambda c, _: c.get_rounds_count(),
    "get_session": lambda c, _: c.get_session("s-1"),
    "get_session_status": lambda c, _: c.get_session_status("s-1"),
    "get_sessions": lambda c, _: c.get_sessions(),
    "get_sessions_count": lambda c, _: c.get_sessions_count(),
    "get_status": lambda c, _: c.get_status("st-1"),
    "get_statuses": lambda c, _: c.get_statuses(),
    "get_statuses_count": lambda c, _: c.get_statuses_count(),
    "get_validation": lambda c, _: c.get_validation("v-1"),
    "get_validations": lambda c, _: c.get_validations(),
    "get_validations_count": lambda c, _: c.get_validations_count(),
    "iter_attributes": lambda c, _: list(c.iter_attributes()),
    "iter_clients": lambda c, _: list(c.iter_clients()),
    "iter_combiners": lambda c, _: list(c.iter_combiners()),
    "iter_metrics": lambda c, _: list(c.iter_metrics()),
    "iter_models": lambda c, _: list(c.iter_models()),
    "iter_packages": lambda c, _: list(c.iter_packages()),
    "iter_predictions": lambda c, _: list(c.iter_predictions()),
    "iter_rounds": lambda c, _: list(c.iter_rounds()),
    "iter_sessions": lambda c, _: list(c.iter_sessions()),
    "iter_statuses": lambda c, _: list(c.iter_statuses()),
    "iter_validations": lambda c, _: list(c.iter_validations()),
    "run_custom_command": lambda c, _: c.run_custom_command("echo"),
    "session_is_finished": lambda c, _: c.session_is_finished("s-1"),
    "set_active_model": lambda c, d: c.set_active_model(seed_model(d)),
    "set_active_package": lambda c, d: c.set_active_package(
        compute_package(d), "numpyhelper", "pkg"
    ),
    "start_predictions": lambda c, _: c.start_predictions(prediction_id="p-1"),
    "start_session": lambda c, _: c.start_session(model_id="m-1", helper="numpyhelper"),
    "step_current_session": lambda c, _: c.step_current_session(),
    "stop_current_session": lambda c, _: c.stop_current_session(),
    "wait_for_session": lambda c, _: c.wait_for_session("s-1", timeout=5),
    "get_metrics": lambda c, _: c.get_metrics(),
    "get_metrics_count": lambda c, _: c.get_metrics_count(),
    "set_public_hostname": lambda c, _: c.set_public_hostname("k-1", "edge.example.com"),
    "start_validation": lambda c, _: c.start_validation("s-1", "m-1"),
    "stage_model": lambda c, _: c.stage_model("m-1"),
    "start_inference": lambda c, _: c.start_inference("m-1"),
    "get_command": lambda c, _: c.get_command("k-1"),
    "get_commands": lambda c, _: c.get_commands(),
    "get_commands_roots": lambda c, _: c.get_commands_roots(),
    "get_commands_count": lambda c, _: c.get_commands_count(),
    "step_command": lambda c, _: c.step_command("k-1"),
    "stop_command": lambda c, _: c.stop_command("k-1"),
    "get_prediction": lambda c, _: c.get_prediction("p-1"),
    "get_session_results": lambda c, _: c.get_session_results("s-1"),
    "get_round_validations": lambda c, _: c.get_round_validations("s-1", 1),
    "get_session_model": lambda c, _: c.get_session_model("s-1"),
    "plot_session": lambda c, d: c.plot_session("s-1", path=d / "plot.png"),
}


@pytest.mark.vcr
def test_every_method_raises_on_a_rejected_token(
    auth_url: str, tmp_path: Path, make_client: Any
) -> None:
    with make_client(
        auth_url,
        access_token_provider=lambda: "not-a-valid-token",
        max_retries=0,
        token_cache=False,
    ) as client:
        for name, call in CALLS.items():
            with pytest.raises(AuthenticationError) as caught:
                call(client, tmp_path)
            assert caught.value.status_code == 401, name
            assert "not-a-valid-token" not in str(caught.value), name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["package.tgz", "seed.npz"]


@pytest.mark.vcr
def test_refresh_token_flow(auth_controller: Any, auth_url: str, make_client: Any) -> None:
    token = REDACTED if auth_controller is None else auth_controller.refresh_token
    with make_client(auth_url, token=token, max_retries=0, token_cache=False) as client:
        assert client.get_controller_status()["state"] == "idle"
        assert client.get_clients_count() == 3
        assert token not in repr(client)


@pytest.mark.vcr
def test_rejected_refresh_token(auth_url: str, make_client: Any) -> None:
    with make_client(
        auth_url, token="not-the-refresh-token", max_retries=0, token_cache=False
    ) as c:
        with pytest.raises(TokenRefreshError) as caught:
            c.get_controller_status()
        assert "not-the-refresh-token" not in str(caught.value)
