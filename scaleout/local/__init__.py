"""An embedded local Scaleout Edge controller (the ``scaleout-sdk[local]`` extra).

``LocalController`` serves exactly the operations of the controller's OpenAPI spec, with real
state in SQLite and a simulated federation of numpy clients, so that sessions really train::

    from scaleout.local import LocalController

    with LocalController(clients=3) as ctl:
        ctl.write_seed_model("seed.npz")
        ...  # talk to ctl.url with any client

The core SDK never imports this package.
"""

from __future__ import annotations

import warnings

# connexion imports starlette's test client at import time, which warns about httpx; that
# warning is about connexion's test helpers, not about anything a user of this package does.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=r".*starlette\.testclient.*")
    import connexion  # type: ignore[import-untyped, unused-ignore]  # noqa: F401

from .controller import LocalController, write_compute_package, write_seed_model
from .faults import Faults
from .federation import ClientBehaviour

__all__ = [
    "ClientBehaviour",
    "Faults",
    "LocalController",
    "write_compute_package",
    "write_seed_model",
]
