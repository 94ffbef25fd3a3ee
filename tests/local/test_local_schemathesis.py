"""Property-based conformance of the local controller to the spec, with schemathesis.

Every operation gets generated requests, valid ones and invalid ones; every answer must be no
5xx, have a status code the operation documents, and a body (and content type) its schema
allows. Operations without parameters or bodies get no invalid requests (schemathesis skips
them: there is nothing to break).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, Phase, settings  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from scaleout.local import LocalController  # noqa: E402
from scaleout.local.spec import load_spec, serving_spec  # noqa: E402

pytestmark = [pytest.mark.local, pytest.mark.schemathesis, pytest.mark.timeout(120)]


def _schema(mode: GenerationMode) -> schemathesis.BaseSchema:
    loaded = schemathesis.openapi.from_dict(serving_spec(load_spec(), auth=False))
    loaded.config.generation.update(modes=[mode])
    return loaded


positive = _schema(GenerationMode.POSITIVE)
secured = schemathesis.openapi.from_dict(serving_spec(load_spec(), auth=True))
secured.config.generation.update(modes=[GenerationMode.POSITIVE])
negative = _schema(GenerationMode.NEGATIVE)
SETTINGS = settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    database=None,
)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="module")
def target() -> Iterator[LocalController]:
    with LocalController(clients=2) as ctl:
        # Something to find: a model, so model-related operations reach more code.
        ctl.write_seed_model(ctl.services.data_dir / "seed.npz")
        yield ctl


@positive.parametrize()
@SETTINGS
def test_valid_requests_conform(case: schemathesis.Case, target: LocalController) -> None:
    case.call_and_validate(base_url=target.url, checks=CHECKS, timeout=30)


@pytest.fixture(scope="module")
def secured_target() -> Iterator[LocalController]:
    with LocalController(clients=2, auth=True) as ctl:
        yield ctl


@secured.parametrize()
@settings(SETTINGS, max_examples=3)
def test_authenticated_requests_conform(
    case: schemathesis.Case, secured_target: LocalController
) -> None:
    token = secured_target.access_token()
    case.call_and_validate(
        base_url=secured_target.url,
        headers={"Authorization": f"Bearer {token}"},
        checks=CHECKS,
        timeout=30,
    )


@negative.parametrize()
@SETTINGS
def test_invalid_requests_conform(case: schemathesis.Case, target: LocalController) -> None:
    case.call_and_validate(base_url=target.url, checks=CHECKS, timeout=30)
