"""Test your own code that drives a Scaleout controller, offline and against the real spec.

* A pytest plugin (:mod:`scaleout.testing.plugin`, loaded by pytest automatically): the
  fixtures ``scaleout_controller``, ``scaleout_client``, ``scaleout_async_client``,
  ``scaleout_network`` and ``scaleout_faults`` run a local controller with simulated clients
  (the ``[local]`` extra), configured per test with ``@pytest.mark.scaleout(...)``.

See docs/testing.md. Importing this package imports neither the SDK's HTTP stack nor the
local controller.
"""

from ._network import ScaleoutNetwork

__all__ = ["ScaleoutNetwork"]
