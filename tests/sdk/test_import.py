"""``import scaleout`` stays light: no generated module and no optional extra at import time."""

from __future__ import annotations

import json
import subprocess
import sys


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    ).stdout
    return set(json.loads(out))


def test_import_scaleout_loads_no_generated_module_and_no_extra() -> None:
    loaded = _modules_after("import scaleout\nscaleout.Scaleout('http://localhost:8092')")
    heavy = {
        name
        for name in loaded
        if name.split(".")[0] in {"scaleout_api", "numpy", "connexion", "matplotlib", "yaml"}
        or name.startswith("scaleout.local")
    }
    assert heavy == set()


def test_the_generated_operation_loads_on_first_use() -> None:
    loaded = _modules_after(
        "import httpx, scaleout\n"
        "transport = httpx.MockTransport(lambda request: httpx.Response(200, json=3))\n"
        "scaleout.Scaleout('http://localhost:8092', transport=transport).get_models_count()"
    )
    assert "scaleout_api.api.models.count_models" in loaded
    assert "scaleout_api.api.models.get_model" not in loaded


def test_import_scaleout_alone_loads_no_httpx_and_names_load_on_use() -> None:
    # The pytest plugin scaleout.testing is imported by every pytest run; through it,
    # ``import scaleout`` must stay cheap.
    loaded = _modules_after("import scaleout")
    assert not {n for n in loaded if n.split(".")[0] == "httpx" or n == "scaleout._client"}
    loaded = _modules_after(
        "from scaleout import *\nassert Scaleout.__name__ == 'Scaleout'\n"
        "assert issubclass(NotFoundError, ScaleoutError)"
    )
    assert "scaleout._client" in loaded
