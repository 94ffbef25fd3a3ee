from __future__ import annotations

import datetime
import json
import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from scaleout._token_cache import CachedTokens, TokenCache, cache_id_for, default_cache_dir
from scaleout._url import resolve_base_url

EXPIRES = datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)


@pytest.fixture
def umask_zero() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_default_dir_resolution(tmp_path: Path) -> None:
    assert default_cache_dir({"SCALEOUT_TOKEN_CACHE_DIR": str(tmp_path / "c")}) == tmp_path / "c"
    assert (
        default_cache_dir({"SCALEOUT_HOME_DIR": str(tmp_path)}) == tmp_path / ".scaleout" / "tokens"
    )
    both = {"SCALEOUT_TOKEN_CACHE_DIR": str(tmp_path / "c"), "SCALEOUT_HOME_DIR": "/nowhere"}
    assert default_cache_dir(both) == tmp_path / "c"
    assert default_cache_dir({}) == Path.home() / ".scaleout" / "tokens"


def test_constructor_touches_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    cache = TokenCache("x", env={"SCALEOUT_HOME_DIR": str(home)})
    assert cache.load() is None
    assert not home.exists()
    assert cache.path == home / ".scaleout" / "tokens" / "x.json"


def test_roundtrip_and_file_contents(tmp_path: Path) -> None:
    cache = TokenCache("ctl", directory=tmp_path / "tokens")
    assert cache.save(access_token="acc-1", refresh_token="ref-1", expires_at=EXPIRES)
    data = json.loads(cache.path.read_text())
    assert set(data) == {"access_token", "refresh_token", "expires_at", "updated_at"}
    assert data["expires_at"] == "2030-01-02T03:04:05+00:00"
    datetime.datetime.fromisoformat(data["updated_at"])
    loaded = cache.load()
    assert loaded is not None
    assert (loaded.access_token, loaded.refresh_token, loaded.expires_at) == (
        "acc-1",
        "ref-1",
        EXPIRES,
    )
    assert loaded.updated_at is not None

    assert cache.save(access_token="acc-2", refresh_token="ref-2", expires_at=None)
    again = cache.load()
    assert again is not None
    assert again.access_token == "acc-2"
    assert again.expires_at is None
    assert [p.name for p in cache.path.parent.iterdir()] == ["ctl.json"]  # no temp leftovers


def test_modes_with_umask_zero(tmp_path: Path, umask_zero: None) -> None:
    directory = tmp_path / "a" / "b" / "tokens"
    cache = TokenCache("ctl", directory=directory)
    assert cache.save(access_token="a", refresh_token="r", expires_at=None)
    assert _mode(cache.path) == 0o600
    assert _mode(directory) == 0o700
    assert _mode(directory.parent) == 0o700  # every level we created is private
    cache.save(access_token="b", refresh_token="r", expires_at=None)
    assert _mode(cache.path) == 0o600


def test_existing_directory_is_not_chmodded(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    cache = TokenCache("ctl", directory=shared)
    assert cache.save(access_token="a", refresh_token="r", expires_at=None)
    assert _mode(shared) == 0o755
    assert _mode(cache.path) == 0o600


def test_cache_id_covers_scheme_host_port_prefix() -> None:
    ids = {
        cache_id_for(resolve_base_url(h))
        for h in [
            "http://example.com",
            "https://example.com",
            "https://example.com:8443",
            "https://example.com/edge",
            "https://example.com/a/b",
            "https://example.com/a_b",
            "https://[::1]",
        ]
    }
    assert len(ids) == 7
    for cid in ids:
        assert all(c.isalnum() or c in "_.-" for c in cid), cid


def test_cache_id_sanitised_in_filename(tmp_path: Path) -> None:
    cache = TokenCache("../../etc/pass wd", directory=tmp_path)
    assert cache.path.parent == tmp_path
    assert "/" not in cache.path.name[:-5]


@pytest.mark.parametrize(
    "content",
    [b"not json", b"[1, 2]", b'{"access_token": 5}', b'{"expires_at": "yesterday"}', b"\xff\xfe"],
)
def test_corrupt_file_is_empty_and_not_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, content: bytes
) -> None:
    caplog.set_level(logging.DEBUG, logger="scaleout")
    cache = TokenCache("ctl", directory=tmp_path)
    cache.path.write_bytes(content)
    assert cache.load() is None
    assert caplog.records
    assert all(r.levelno == logging.DEBUG for r in caplog.records)
    assert "not json" not in caplog.text


def test_unreadable_file_is_empty(tmp_path: Path) -> None:
    cache = TokenCache("ctl", directory=tmp_path)
    cache.path.mkdir()  # reading a directory fails with an OSError
    assert cache.load() is None


@pytest.mark.parametrize("value", ["false", "0", "no", "FALSE", " No "])
def test_persist_disabled(tmp_path: Path, value: str) -> None:
    cache = TokenCache("ctl", directory=tmp_path / "t", env={"SCALEOUT_PERSIST_TOKENS": value})
    assert not cache.writable
    assert cache.save(access_token="a", refresh_token="r", expires_at=None) is False
    assert not (tmp_path / "t").exists()


def test_persist_enabled_values(tmp_path: Path) -> None:
    cache = TokenCache("ctl", directory=tmp_path, env={"SCALEOUT_PERSIST_TOKENS": "yes"})
    assert cache.writable


def test_uncreatable_directory_warns_once(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    cache = TokenCache("ctl", directory=blocker / "tokens")
    with caplog.at_level(logging.DEBUG, logger="scaleout"):
        assert cache.save(access_token="a", refresh_token="secret-r", expires_at=None) is False
        assert cache.save(access_token="a", refresh_token="secret-r", expires_at=None) is False
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "secret-r" not in caplog.text
    assert not cache.writable


def test_directory_path_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "tokens"
    blocker.write_text("")
    cache = TokenCache("ctl", directory=blocker)
    assert cache.save(access_token="a", refresh_token="r", expires_at=None) is False


def test_clear(tmp_path: Path) -> None:
    cache = TokenCache("ctl", directory=tmp_path)
    cache.clear()
    cache.save(access_token="a", refresh_token="r", expires_at=None)
    cache.clear()
    assert cache.load() is None


def test_reprs_hide_tokens(tmp_path: Path) -> None:
    tokens = CachedTokens(access_token="acc-secret", refresh_token="ref-secret")
    assert "secret" not in repr(tokens)
    cache = TokenCache("ctl", directory=tmp_path)
    cache.save(access_token="acc-secret", refresh_token="ref-secret", expires_at=None)
    assert "secret" not in repr(cache)
    assert "secret" not in repr(cache.load())
