"""Test your own code that drives a Scaleout controller, offline and against the real spec.

* A pytest plugin (:mod:`scaleout.testing.plugin`, loaded by pytest automatically): the
  fixtures ``scaleout_controller``, ``scaleout_client``, ``scaleout_async_client``,
  ``scaleout_network`` and ``scaleout_faults`` run a local controller with simulated clients
  (the ``[local]`` extra), configured per test with ``@pytest.mark.scaleout(...)``.
* :func:`vcr_config`, for recording the SDK's traffic with a real deployment with
  pytest-recording, with credentials scrubbed and a check that none is left in a cassette.

See docs/testing.md. Importing this package imports neither the SDK's HTTP stack nor the
local controller.
"""

from ._network import ScaleoutNetwork
from ._vcr import (
    MATCH_ON,
    REDACTED,
    SecretInCassetteError,
    find_secrets,
    register_matchers,
    use_cassette,
    vcr_config,
)

__all__ = [
    "MATCH_ON",
    "REDACTED",
    "ScaleoutNetwork",
    "SecretInCassetteError",
    "find_secrets",
    "register_matchers",
    "use_cassette",
    "vcr_config",
]
