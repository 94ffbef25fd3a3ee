"""Recording a real controller's answers with vcrpy, without recording its credentials.

:func:`vcr_config` is the value of pytest-recording's ``vcr_config`` fixture. It scrubs what a
recording of the SDK's traffic would otherwise keep: the ``Authorization`` header, cookies,
tokens in JSON bodies (those of ``/api/auth/refresh`` above all), the ``Date`` header and the
port of every URL. Requests then match on what selects an answer: method, path, query, the
paging and upload headers, and the body.

Scrubbing works on the keys and headers it knows; a deployment may put a secret elsewhere.
So, as the cassette is saved, every interaction is checked for what still looks like a
secret (a JWT, a bearer value, a long high-entropy token, a credential header or JSON key)
and :class:`SecretInCassetteError` is raised instead of writing the file.

Importing this module imports no vcrpy: only :func:`use_cassette` and the matchers need it.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

__all__ = [
    "MATCH_ON",
    "REDACTED",
    "SECRET_HEADERS",
    "SECRET_KEYS",
    "SELECTING_HEADERS",
    "SecretInCassetteError",
    "find_secrets",
    "register_matchers",
    "use_cassette",
    "vcr_config",
]

REDACTED = "REDACTED"
#: Request headers that select what the controller answers (``X-Limit``... are the spec's
#: paging headers, ``X-Reverse`` orders ancestors, ``X-Chunk-Index`` places an upload chunk).
SELECTING_HEADERS = (
    "x-limit",
    "x-skip",
    "x-sort-key",
    "x-sort-order",
    "x-reverse",
    "x-chunk-index",
)
#: JSON keys whose string values are credentials, in request and response bodies.
SECRET_KEYS = frozenset(
    {"access_token", "refresh_token", "access", "refresh", "api_key", "password", "client_secret"}
)
#: Headers that carry credentials; request ones are dropped, response ones too.
SECRET_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"}
)
# Host carries the port; Content-Length would change with the length of a token.
_DROPPED_REQUEST_HEADERS = (*sorted(SECRET_HEADERS - {"set-cookie"}), "host", "content-length")
_DROPPED_RESPONSE_HEADERS = frozenset({"date", "set-cookie", "www-authenticate"})
_SECRET_QUERY_PARAMETERS = ("token", "access_token", "refresh_token", "api_key")
MATCHER_HEADERS = "scaleout_headers"
MATCHER_BODY = "scaleout_body"
#: What a request must agree on with a recorded one to be answered by it.
MATCH_ON = ("method", "path", "query", MATCHER_HEADERS, MATCHER_BODY)

_JWT = re.compile(r"eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*")
_BEARER = re.compile(r"\bBearer\s+([A-Za-z0-9._~+/=-]{8,})", re.IGNORECASE)
_TOKENISH = re.compile(r"[A-Za-z0-9_+/=-]{32,}")
# Random base64 has close to 6 bits per character and hex 4; prose, UUIDs, hex digests and
# identifiers stay under this, and are mostly single-case besides.
_MIN_ENTROPY = 4.2


class SecretInCassetteError(Exception):
    """A cassette about to be saved still holds something that looks like a credential.

    Nothing is written. The message says where, with a few characters of each finding and its
    length, never the whole value."""


def vcr_config(
    *,
    origin: str | None = None,
    secret_keys: Iterable[str] = (),
    check_secrets: bool = True,
) -> dict[str, Any]:
    """The ``vcr_config`` for recording the SDK's traffic with pytest-recording::

        @pytest.fixture(scope="module")
        def vcr_config():
            return scaleout.testing.vcr_config()

    :param origin: Rewrite the scheme, host and port of every recorded URL to this origin,
        e.g. ``"https://controller.test"`` to keep a host name out of the cassettes. By default
        only the port is dropped (the local controller's is random).
    :param secret_keys: More JSON keys whose values are scrubbed.
    :param check_secrets: Refuse to save a cassette that still looks like it holds a secret
        (:class:`SecretInCassetteError`). Requires vcrpy 9.4 or later.

    The named matchers in ``match_on`` are registered by the ``scaleout.testing`` pytest
    plugin; outside pytest use :func:`use_cassette` (or :func:`register_matchers`).
    """
    keys = frozenset(SECRET_KEYS | {str(k) for k in secret_keys})
    if origin is not None:
        parts = urlsplit(origin)
        if not parts.scheme or not parts.netloc or parts.path.strip("/"):
            raise ValueError(f"origin must be scheme://host[:port], not {origin!r}")

    def before_record_request(request: Any) -> Any:
        return scrub_request(request, origin=origin, keys=keys)

    def before_record_response(response: dict[str, Any]) -> dict[str, Any]:
        return scrub_response(response, keys=keys)

    config: dict[str, Any] = {
        "filter_headers": list(_DROPPED_REQUEST_HEADERS),
        "filter_query_parameters": list(_SECRET_QUERY_PARAMETERS),
        "before_record_request": before_record_request,
        "before_record_response": before_record_response,
        "decode_compressed_response": True,
        "match_on": list(MATCH_ON),
        "allow_playback_repeats": False,
    }
    if check_secrets:

        def refuse_secrets(request: Any, response: dict[str, Any], cassette: Any) -> Any:
            findings = list(_interaction_secrets(request, response, keys))
            if findings:
                # Report every exchange at once, not one per attempt to record.
                everything = [
                    finding
                    for recorded, answer in getattr(cassette, "data", ())
                    for finding in _interaction_secrets(recorded, answer, keys)
                ]
                findings = everything or findings
                path = getattr(cassette, "_path", "the cassette")
                raise SecretInCassetteError(
                    f"refusing to write {path}: it still holds what looks like a secret "
                    f"({'; '.join(findings)}); scrub it (vcr_config(secret_keys=...) or a "
                    "before_record hook) and record again"
                )
            return request, response

        config["before_save_interaction"] = refuse_secrets
    return config


def register_matchers(vcr: Any) -> None:
    """Register the matchers :func:`vcr_config` names on a ``vcr.VCR``."""
    vcr.register_matcher(MATCHER_HEADERS, _match_selecting_headers)
    vcr.register_matcher(MATCHER_BODY, _match_body)


def use_cassette(
    path: str | Path,
    *,
    origin: str | None = None,
    secret_keys: Iterable[str] = (),
    check_secrets: bool = True,
    **overrides: Any,
) -> Any:
    """vcrpy's ``use_cassette`` with :func:`vcr_config` (its keyword arguments), outside
    pytest; ``overrides`` are vcrpy options that replace the configuration's."""
    import vcr  # type: ignore[import-untyped, unused-ignore]

    config = vcr_config(origin=origin, secret_keys=secret_keys, check_secrets=check_secrets)
    recorder = vcr.VCR()
    register_matchers(recorder)
    return _Unpatching(recorder.use_cassette(str(path), **{**config, **overrides}))


class _Unpatching:
    """vcrpy's cassette context, which takes its patches off httpx even when saving fails.

    vcrpy saves the cassette in ``__exit__`` before it undoes its patches, so a refused save
    (:class:`SecretInCassetteError`) would leave httpx patched until the garbage collector
    happens to finish vcrpy's patching generator: every later request of the process would go
    through a cassette that no longer exists.
    """

    def __init__(self, context: Any) -> None:
        self._context = context

    def __enter__(self) -> Any:
        return self._context.__enter__()

    def __exit__(self, *exc_info: object) -> Any:
        try:
            return self._context.__exit__(*exc_info)
        except BaseException:
            finish = getattr(self._context, "_CassetteContextDecorator__finish", None)
            if finish is not None:
                finish.close()  # unwinds vcrpy's patches now
            raise


# -- scrubbing ------------------------------------------------------------------------------------


def scrub_request(request: Any, *, origin: str | None, keys: frozenset[str]) -> Any:
    parts = urlsplit(request.uri)
    if origin is not None:
        scheme, netloc = urlsplit(origin)[:2]
    else:
        scheme, netloc = parts.scheme, parts.hostname or ""
        if ":" in netloc:
            netloc = f"[{netloc}]"
    request.uri = urlunsplit((scheme, netloc, parts.path, parts.query, parts.fragment))
    if request.body:
        scrubbed = _scrub_json_body(request.body, keys)
        if scrubbed is not None:
            request.body = scrubbed
    return request


def scrub_response(response: dict[str, Any], *, keys: frozenset[str]) -> dict[str, Any]:
    headers = response.get("headers") or {}
    for name in list(headers):
        if name.lower() in _DROPPED_RESPONSE_HEADERS:
            del headers[name]
    body = response.get("body") or {}
    raw = body.get("string")
    if raw:
        scrubbed = _scrub_json_body(raw, keys)
        if scrubbed is not None:
            body["string"] = scrubbed
            for name in list(headers):
                if name.lower() == "content-length":
                    headers[name] = [str(len(scrubbed))]
    return response


def _scrub_json_body(raw: bytes | str, keys: frozenset[str]) -> bytes | None:
    """The body with secret values replaced, if it is JSON and holds any; else None."""
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return None
    scrubbed = _scrub_json(data, keys)
    if scrubbed == data:
        return None
    return json.dumps(scrubbed, sort_keys=True).encode()


def _scrub_json(data: Any, keys: frozenset[str]) -> Any:
    if isinstance(data, dict):
        return {
            key: REDACTED
            if key.lower() in keys and isinstance(value, str)
            else _scrub_json(value, keys)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [_scrub_json(item, keys) for item in data]
    return data


# -- matching -------------------------------------------------------------------------------------


def _match_selecting_headers(r1: Any, r2: Any) -> None:
    for name in SELECTING_HEADERS:
        first, second = r1.headers.get(name), r2.headers.get(name)
        assert first == second, f"{name}: {first!r} != {second!r}"


def _match_body(r1: Any, r2: Any) -> None:
    first, second = r1.body or b"", r2.body or b""
    try:
        assert json.loads(first) == json.loads(second), "the JSON bodies differ"
    except (ValueError, UnicodeDecodeError):
        assert first == second, "the bodies differ"


# -- the secret check -----------------------------------------------------------------------------


def find_secrets(text: str) -> list[str]:
    """What in ``text`` looks like a credential, as short descriptions (never whole values)."""
    found: list[str] = []
    for match in _JWT.finditer(text):
        found.append(f"a JWT {_preview(match.group())}")
    without_jwts = _JWT.sub(" ", text)
    for match in _BEARER.finditer(without_jwts):
        if match.group(1) != REDACTED:
            found.append(f"a bearer value {_preview(match.group(1))}")
    for match in _TOKENISH.finditer(without_jwts):
        token = match.group()
        if _looks_random(token):
            found.append(f"a high-entropy token {_preview(token)}")
    return found


def _interaction_secrets(
    request: Any, response: dict[str, Any], keys: frozenset[str]
) -> Iterator[str]:
    where = f"{request.method} {urlsplit(request.uri).path}"
    for name, value in _header_items(request.headers):
        yield from _header_secrets(f"{where}: request header {name}", name, value)
    yield from _text_secrets(f"{where}: URL", request.uri, keys)
    yield from _text_secrets(f"{where}: request body", request.body, keys)
    for name, value in _header_items(response.get("headers") or {}):
        yield from _header_secrets(f"{where}: response header {name}", name, value)
    body = (response.get("body") or {}).get("string")
    yield from _text_secrets(f"{where}: response body", body, keys)


def _header_items(headers: Any) -> Iterator[tuple[str, str]]:
    for name, value in headers.items():
        for item in value if isinstance(value, list) else [value]:
            yield str(name), str(item)


def _header_secrets(where: str, name: str, value: str) -> Iterator[str]:
    if name.lower() in SECRET_HEADERS and value != REDACTED:
        yield f"{where}: a credential header"
    else:
        for finding in find_secrets(value):
            yield f"{where}: {finding}"


def _text_secrets(where: str, raw: bytes | str | None, keys: frozenset[str]) -> Iterator[str]:
    if not raw:
        return
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        return  # a binary body (a model, a package chunk) is data, not a credential
    for finding in find_secrets(text):
        yield f"{where}: {finding}"
    try:
        data = json.loads(text)
    except ValueError:
        return
    for key in _unscrubbed_keys(data, keys):
        yield f"{where}: an unscrubbed JSON key {key!r}"


def _unscrubbed_keys(data: Any, keys: frozenset[str]) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key.lower() in keys and isinstance(value, str) and value != REDACTED:
                yield key
            else:
                yield from _unscrubbed_keys(value, keys)
    elif isinstance(data, list):
        for item in data:
            yield from _unscrubbed_keys(item, keys)


def _looks_random(token: str) -> bool:
    if not (
        any(c.islower() for c in token)
        and any(c.isupper() for c in token)
        and any(c.isdigit() for c in token)
    ):
        return False
    counts = Counter(token)
    entropy = -sum(n / len(token) * math.log2(n / len(token)) for n in counts.values())
    return entropy >= _MIN_ENTROPY


def _preview(value: str) -> str:
    return f"{value[:4]}... ({len(value)} chars)"
