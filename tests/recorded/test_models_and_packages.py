"""Compute packages and models: upload, read, download, and their error paths."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from scaleout import NotFoundError, Scaleout

from ._files import compute_package, seed_model


@pytest.mark.vcr
def test_packages(client: Scaleout, tmp_path: Path) -> None:
    package = compute_package(tmp_path)
    assert client.get_packages_count() == 0
    assert client.get_packages() == {"count": 0, "result": []}
    with pytest.raises(NotFoundError):
        client.get_active_package()
    with pytest.raises(NotFoundError):
        client.get_package_checksum()
    with pytest.raises(NotFoundError):
        client.download_package(tmp_path / "missing.tgz")
    assert not (tmp_path / "missing.tgz").exists()

    answer = client.set_active_package(package, "numpyhelper", "test-package", "a test package")
    assert "message" in answer

    active = client.get_active_package()
    assert active["name"] == "test-package"
    assert active["description"] == "a test package"
    assert active["file_name"] == "package.tgz"
    assert active["active"] is True
    assert client.get_package(active["package_id"]) == active
    with pytest.raises(NotFoundError):
        client.get_package("no/such package")

    assert client.get_packages_count() == 1
    page = client.get_packages(n_max=1)
    assert page["count"] == 1 and page["result"][0]["package_id"] == active["package_id"]
    assert [p["package_id"] for p in client.iter_packages()] == [active["package_id"]]

    expected = hashlib.sha256(package.read_bytes()).hexdigest()
    assert client.get_package_checksum()["checksum"] == expected
    assert client.get_client_config()["checksum"] == expected
    assert "checksum" not in client.get_client_config(checksum=False)

    downloaded = client.download_package(tmp_path / "downloaded.tgz")
    assert downloaded["success"] is True
    assert (tmp_path / "downloaded.tgz").read_bytes() == package.read_bytes()


@pytest.mark.vcr
def test_models(client: Scaleout, tmp_path: Path) -> None:
    seed = seed_model(tmp_path)
    assert client.get_active_model() is None
    assert client.get_model_trail() == []
    assert client.get_models_count() == 0

    answer = client.set_active_model(seed)
    assert "message" in answer

    model = client.get_active_model()
    assert model is not None
    assert model["parent_model"] is None
    assert client.get_model(model["model_id"]) == model
    with pytest.raises(NotFoundError):
        client.get_model("no/such?model")
    assert client.get_models_count() == 1
    assert client.get_models()["result"] == [model]
    assert client.get_models(n_max=1)["count"] == 1
    assert [m["model_id"] for m in client.iter_models(page_size=1)] == [model["model_id"]]
    assert [m["model_id"] for m in client.get_model_trail()] == [model["model_id"]]
    assert client.get_model_trail(model["model_id"], include_self=False) == []

    result = client.download_model(model["model_id"], tmp_path / "model.npz")
    assert result["size"] == seed.stat().st_size
    assert (tmp_path / "model.npz").read_bytes() == seed.read_bytes()
    with pytest.raises(NotFoundError):
        client.download_model("no-such-model", tmp_path / "nothing.npz")
    assert not (tmp_path / "nothing.npz").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.npz", "seed.npz"]
