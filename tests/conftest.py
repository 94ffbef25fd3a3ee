"""Every test runs without the caller's SDK settings, proxies or home directory.

``Scaleout`` reads ``SCALEOUT_*`` variables (a token, a scheme, a token endpoint, the token
cache) and httpx reads the proxy and CA variables, so a shell with any of them exported would
change what the tests send. They are removed for the whole session, before any fixture of any
scope builds a client, and ``HOME`` and the token cache point into a temporary directory.
Directories whose tests set variables of their own (``isolated`` in ``tests/sdk`` and
``tests/reliability``) do so per test, on top of this.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

_HTTP_VARIABLES = frozenset(
    {"HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "SSL_CERT_FILE", "SSL_CERT_DIR"}
)


def _foreign(name: str) -> bool:
    upper = name.upper()
    return upper.startswith("SCALEOUT_") or upper in _HTTP_VARIABLES


@pytest.fixture(scope="session", autouse=True)
def clean_environment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        for name in [name for name in os.environ if _foreign(name)]:
            patch.delenv(name)
        patch.setenv("HOME", str(home))
        patch.setenv("SCALEOUT_TOKEN_CACHE_DIR", str(home / ".scaleout" / "tokens"))
        yield


#: httpx's entry points that recording libraries patch (vcrpy replaces them while a cassette
#: is in use): a test that leaves one patched makes later tests read bodies they must stream.
_HTTPX_ENTRY_POINTS = (
    ("Client", "_send_single_request"),
    ("AsyncClient", "_send_single_request"),
    ("HTTPTransport", "handle_request"),
    ("AsyncHTTPTransport", "handle_async_request"),
)


def _httpx_entry_points() -> dict[str, object]:
    import httpx

    return {
        f"{cls}.{name}": getattr(getattr(httpx, cls), name) for cls, name in _HTTPX_ENTRY_POINTS
    }


@pytest.fixture(autouse=True)
def httpx_left_unpatched() -> Iterator[None]:
    """Fail the test that leaves a patch on httpx behind (a cassette never exited), and undo
    it, so the tests after it see httpx as it is."""
    before = _httpx_entry_points()
    yield
    left = {name: fn for name, fn in _httpx_entry_points().items() if fn is not before[name]}
    if left:
        import httpx

        for name in left:
            cls, attribute = name.split(".")
            setattr(getattr(httpx, cls), attribute, before[name])
        pytest.fail(f"this test left httpx patched: {sorted(left)}", pytrace=False)
