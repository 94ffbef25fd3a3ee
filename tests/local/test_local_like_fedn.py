"""The local controller where it behaves like a FEDn controller, with the SDK on top.

* A session start or continue is taken up after it has been answered: for a moment the
  session keeps its old status (``Finished`` for one being continued). ``wait_for_session``
  right after ``continue_session`` must still wait for the new rounds.
* Without the chunked-upload routes (``chunked_uploads=False``: an HTML 404, as FEDn 0.33
  answers), the SDK uploads the package and the seed model as the multipart form, and the
  controller serves that form.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from scaleout import AsyncScaleout, Scaleout
from scaleout.local import LocalController, write_compute_package, write_seed_model

from ._helpers import LocalApi

pytestmark = [pytest.mark.local, pytest.mark.timeout(120)]


@pytest.fixture(scope="module")
def ctl() -> Iterator[LocalController]:
    with LocalController(clients=2) as controller:
        yield controller


@pytest.fixture(scope="module")
def without_chunks() -> Iterator[LocalController]:
    with LocalController(clients=2, chunked_uploads=False) as controller:
        yield controller


def finished_rounds(client: Scaleout, session_id: str) -> list[str]:
    return [
        str(r["round_id"])
        for r in client.iter_rounds(session_id)
        if str(r.get("status")).lower() in ("success", "finished")
    ]


def seed(client: Scaleout, tmp_path: Path) -> None:
    client.set_active_package(write_compute_package(tmp_path / "package.tgz"), "numpyhelper", "p")
    client.set_active_model(write_seed_model(tmp_path / "seed.npz"))


def test_wait_after_continue_waits_for_the_new_rounds(ctl: LocalController, tmp_path: Path) -> None:
    """The race FEDn shows: a continued session still says Finished when the wait begins."""
    with Scaleout(ctl.url, token_cache=False) as client:
        seed(client, tmp_path)
        session = client.start_session(rounds=2, round_timeout=30)
        sid = session["session_id"]
        assert client.wait_for_session(sid, timeout=60, poll_interval=0.2)["status"] == "Finished"
        assert len(finished_rounds(client, sid)) == 2
        for total in (4, 5):
            client.continue_session(sid, rounds=total - len(finished_rounds(client, sid)))
            over = client.wait_for_session(sid, timeout=60, poll_interval=0.2)
            assert over["status"] == "Finished"
            assert len(finished_rounds(client, sid)) == total


def test_the_async_client_waits_for_the_new_rounds_too(
    ctl: LocalController, tmp_path: Path
) -> None:
    async def main() -> tuple[int, str]:
        async with AsyncScaleout(ctl.url, token_cache=False) as client:
            await client.set_active_package(
                write_compute_package(tmp_path / "package.tgz"), "numpyhelper", "p"
            )
            await client.set_active_model(write_seed_model(tmp_path / "seed.npz"))
            session = await client.start_session(rounds=1, round_timeout=30)
            sid = session["session_id"]
            await client.wait_for_session(sid, timeout=60, poll_interval=0.2)
            await client.continue_session(sid, rounds=2)
            over = await client.wait_for_session(sid, timeout=60, poll_interval=0.2)
            rounds = [r async for r in client.iter_rounds(sid)]
            return len(rounds), str(over["status"])

    assert asyncio.run(main()) == (3, "Finished")


def test_the_old_status_is_what_a_continued_session_shows_at_first(
    ctl: LocalController, tmp_path: Path
) -> None:
    """What makes the race: the controller answers the continue before it takes it up."""
    with (
        Scaleout(ctl.url, token_cache=False) as client,
        httpx.Client(base_url=ctl.url, timeout=30) as http,
    ):
        seed(client, tmp_path)
        sid = client.start_session(rounds=1, round_timeout=30)["session_id"]
        client.wait_for_session(sid, timeout=60, poll_interval=0.2)
        client.continue_session(sid, rounds=1)
        assert client.get_session(sid)["status"] == "Finished"  # not taken up yet
        LocalApi(ctl, http, tmp_path).wait_session(sid)
        assert len(finished_rounds(client, sid)) == 2


def test_uploads_fall_back_to_the_multipart_form(
    without_chunks: LocalController, tmp_path: Path
) -> None:
    package = write_compute_package(tmp_path / "package.tgz")
    model = write_seed_model(tmp_path / "seed.npz")
    seen: list[tuple[int, int]] = []
    with Scaleout(without_chunks.url, token_cache=False) as client:
        client.set_active_package(package, "numpyhelper", "fedn-form", "sent as a form")
        client.set_active_model(model, progress=lambda sent, total: seen.append((sent, total)))
        assert client._core.upload_form == "multipart"
        active = client.get_active_package()
        assert (active["name"], active["file_name"]) == ("fedn-form", "package.tgz")
        checksum = client.get_package_checksum()["checksum"]
        assert checksum == hashlib.sha256(package.read_bytes()).hexdigest()
        seed_model = client.get_active_model()
        client.download_model(seed_model["model_id"], tmp_path / "back.npz")
        assert (tmp_path / "back.npz").read_bytes() == model.read_bytes()
        session = client.start_session(rounds=1, round_timeout=30)
        assert client.wait_for_session(session["session_id"], timeout=60)["status"] == "Finished"
    assert seen[-1] == (model.stat().st_size, model.stat().st_size)


def test_without_chunks_the_upload_routes_answer_an_html_404(
    without_chunks: LocalController,
) -> None:
    with httpx.Client(base_url=without_chunks.url, timeout=30) as http:
        response = http.post(
            "/api/v1/file-upload/init",
            json={"file_name": "f.bin", "file_size": 1, "chunk_size": 1},
        )
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")


def test_the_multipart_form_over_raw_http(ctl: LocalController, tmp_path: Path) -> None:
    """The form as curl sends it to FEDn (``-F file=@seed.npz``), also next to chunked routes."""
    model = write_seed_model(tmp_path / "seed.npz")
    with httpx.Client(base_url=ctl.url, timeout=30) as http:
        http.put("/api/v1/helpers/active", json={"helper": "numpyhelper"}).raise_for_status()
        added = http.post("/api/v1/models/", files={"file": ("seed.npz", model.read_bytes())})
        assert added.status_code == 200, added.text
        model_id = added.json()["model_id"]
        assert http.get(f"/api/v1/models/{model_id}/download").content == model.read_bytes()
        refused = http.post("/api/v1/models/", files={"file": ("bad.npz", b"not a numpy file")})
        assert refused.status_code == 400
        broken = http.post(
            "/api/v1/models/",
            content=b"no parts",
            headers={"Content-Type": "multipart/form-data"},
        )
        assert broken.status_code == 400


def test_the_multipart_form_takes_files_past_the_body_limit_up_to_the_file_limit(
    tmp_path: Path,
) -> None:
    """A whole model in one form is held to the file size limit, not to the 1 MiB that every
    other body of the API is held to."""
    big = bytes(range(256)) * (3 * 4096)  # 3 MiB
    with LocalController(clients=0, max_file_size=4 * 1024 * 1024) as small:
        with httpx.Client(base_url=small.url, timeout=30) as http:
            http.put("/api/v1/helpers/active", json={"helper": "binaryhelper"}).raise_for_status()
            added = http.post("/api/v1/models/", files={"file": ("big.bin", big)})
            assert added.status_code == 200, added.text
            model_id = added.json()["model_id"]
            assert http.get(f"/api/v1/models/{model_id}/download").content == big
            before = http.get("/api/v1/models/count").json()
            too_big = http.post("/api/v1/models/", files={"file": ("big.bin", big + big)})
            assert too_big.status_code == 413
            assert "File larger than the maximum of 4194304 bytes" in too_big.json()["message"]
            assert http.get("/api/v1/models/count").json() == before
