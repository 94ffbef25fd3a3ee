from __future__ import annotations

import logging

import pytest

from scaleout import ArgumentTypeError, InvalidArgumentError
from scaleout._url import BaseURL, is_loopback_host, resolve_base_url

# Section 2.2 of the API fact sheet: (host, port, secure) -> (secure, port, warns).
WORKED_EXAMPLES = [
    ("https://example.com", None, None, True, 443, False),
    ("http://example.com", None, None, False, 80, False),
    ("https://example.com:8080", None, None, True, 8080, False),
    ("example.com", None, True, True, 443, False),
    ("example.com", None, False, False, 80, False),
    ("example.com", 443, None, True, 443, False),
    ("example.com", 8443, True, True, 8443, False),
    ("example.com", 9000, None, False, 9000, False),
    ("example.com", None, None, False, 80, False),
    ("https://example.com", None, False, True, 443, True),
    ("http://example.com", None, True, False, 80, True),
    ("example.com", 443, False, False, 443, True),  # plain HTTP to 443: kept, but warned
    ("example.com:8080", 9000, None, False, 9000, True),
    ("localhost", None, None, False, 80, False),
]


@pytest.mark.parametrize(
    ("host", "port", "secure", "want_secure", "want_port", "warns"), WORKED_EXAMPLES
)
def test_worked_examples(
    caplog: pytest.LogCaptureFixture,
    host: str,
    port: int | None,
    secure: bool | None,
    want_secure: bool,
    want_port: int,
    warns: bool,
) -> None:
    caplog.set_level(logging.WARNING, logger="scaleout")
    base = resolve_base_url(host, port, secure)
    assert base.secure is want_secure
    assert base.port == want_port
    assert base.scheme == ("https" if want_secure else "http")
    assert base.url == f"{base.scheme}://{base.host}:{want_port}"
    assert bool(caplog.records) is warns


def test_url_format_and_join() -> None:
    base = resolve_base_url("https://Example.COM")
    assert base == BaseURL(scheme="https", host="example.com", port=443, path_prefix="")
    assert base.url == "https://example.com:443"
    assert str(base) == base.url
    assert base.join("/api/v1/models/") == "https://example.com:443/api/v1/models/"


@pytest.mark.parametrize(
    ("host", "prefix", "url"),
    [
        ("https://h/edge/", "/edge", "https://h:443/edge"),
        ("https://h/edge", "/edge", "https://h:443/edge"),
        ("h:8092/a/b/", "/a/b", "http://h:8092/a/b"),
        ("https://h/", "", "https://h:443"),
    ],
)
def test_path_is_kept_as_prefix(host: str, prefix: str, url: str) -> None:
    base = resolve_base_url(host)
    assert base.path_prefix == prefix
    assert base.url == url
    assert base.join("api/v1/") == f"{url}/api/v1/"


@pytest.mark.parametrize(
    ("host", "port", "url"),
    [
        ("https://[::1]:8443", None, "https://[::1]:8443"),
        ("[::1]", None, "http://[::1]:80"),
        ("::1", 8092, "http://[::1]:8092"),
        ("http://[2001:DB8::1]/p", None, "http://[2001:db8::1]:80/p"),
    ],
)
def test_ipv6_keeps_brackets(host: str, port: int | None, url: str) -> None:
    base = resolve_base_url(host, port)
    assert base.url == url
    assert "[" not in base.host


def test_numeric_string_port_behaves_like_int() -> None:
    assert resolve_base_url("example.com", "443") == resolve_base_url("example.com", 443)
    assert resolve_base_url("example.com", " 8080 ").port == 8080
    assert resolve_base_url("example.com", "443").secure is True


@pytest.mark.parametrize("port", ["abc", "0", 0, 65536, -1, "8080x"])
def test_bad_port_argument(port: object) -> None:
    with pytest.raises(InvalidArgumentError, match="port"):
        resolve_base_url("example.com", port)  # type: ignore[arg-type]


@pytest.mark.parametrize("port", [True, 1.5, b"80"])
def test_port_of_the_wrong_type(port: object) -> None:
    with pytest.raises(ArgumentTypeError, match="port"):
        resolve_base_url("example.com", port)  # type: ignore[arg-type]


@pytest.mark.parametrize("host", ["example.com:abc", "https://example.com:70000"])
def test_bad_port_in_host(host: str) -> None:
    with pytest.raises(ValueError, match="port"):
        resolve_base_url(host)


@pytest.mark.parametrize("host", ["", "   ", "https://", "http:///path"])
def test_empty_host(host: str) -> None:
    with pytest.raises(ValueError, match="host"):
        resolve_base_url(host)


@pytest.mark.parametrize("host", ["ftp://example.com", "grpc://example.com:443"])
def test_unsupported_scheme(host: str) -> None:
    with pytest.raises(InvalidArgumentError, match="host has an unsupported URL scheme"):
        resolve_base_url(host)


def test_userinfo_query_fragment_dropped_and_never_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="scaleout")
    base = resolve_base_url("https://alice:s3cret@example.com:8443/edge?x=1#frag", 9443, False)
    assert base.url == "https://example.com:9443/edge"
    assert caplog.records  # both the secure and the port conflict are warned about
    assert "s3cret" not in caplog.text
    assert "alice" not in caplog.text


def test_scheme_is_case_insensitive() -> None:
    assert resolve_base_url("HTTPS://example.com").url == "https://example.com:443"


def test_base_url_is_frozen() -> None:
    base = resolve_base_url("example.com")
    with pytest.raises(AttributeError):
        base.port = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("localhost", True),
        ("api.localhost", True),
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("example.com", False),
        ("10.0.0.1", False),
    ],
)
def test_is_loopback_host(host: str, loopback: bool) -> None:
    assert is_loopback_host(host) is loopback
