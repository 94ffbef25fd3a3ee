"""Bearer authentication: refresh-token exchange, access tokens, 401 answers."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator

import httpx
import pytest

from scaleout.local import LocalController
from scaleout.local.auth import TokenAuthority, TokenError, decode_jwt, encode_jwt

pytestmark = [pytest.mark.local, pytest.mark.timeout(60)]


@pytest.fixture(scope="module")
def secured() -> Iterator[LocalController]:
    with LocalController(clients=2, auth=True, access_token_ttl=1) as ctl:
        yield ctl


def _claims(token: str) -> dict[str, object]:
    body = token.split(".")[1]
    decoded: dict[str, object] = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    return decoded


def _refresh(http: httpx.Client, token: str, role: str | None = "admin") -> httpx.Response:
    body = {"refresh_token": token} if role is None else {"refresh_token": token, "role": role}
    return http.post("/api/auth/refresh", json=body)


def test_refresh_then_use_the_access_token(secured: LocalController) -> None:
    assert secured.refresh_token
    with httpx.Client(base_url=secured.url) as http:
        response = _refresh(http, secured.refresh_token, role=None)
        assert response.status_code == 200
        body = response.json()
        assert body["token_type"] == "Bearer" and body["expires_in"] == 1
        claims = _claims(body["access_token"])
        assert claims["role"] == "admin" and isinstance(claims["exp"], int)
        ok = http.get(
            "/api/v1/clients/count", headers={"Authorization": f"Bearer {body['access_token']}"}
        )
        assert ok.status_code == 200 and ok.json() == 2
        client_role = _refresh(http, secured.refresh_token, role="client").json()
        assert _claims(client_role["access_token"])["role"] == "client"


def test_missing_invalid_and_expired_tokens_are_401(secured: LocalController) -> None:
    with httpx.Client(base_url=secured.url) as http:
        missing = http.get("/api/v1/clients/")
        assert missing.status_code == 401
        assert missing.json() == {"message": "Missing token"}
        assert missing.headers["content-type"] == "application/json"

        invalid = http.get("/api/v1/clients/", headers={"Authorization": "Bearer abc.def.ghi"})
        assert invalid.json() == {"message": "Invalid token"}

        scheme = http.get("/api/v1/clients/", headers={"Authorization": "Basic dXNlcjpwYXNz"})
        assert scheme.status_code == 401
        assert scheme.json() == {"message": "Invalid token scheme, expected Bearer"}

        # The refresh token is not an access token.
        refresh_as_access = http.get(
            "/api/v1/clients/", headers={"Authorization": f"Bearer {secured.refresh_token}"}
        )
        assert refresh_as_access.json() == {"message": "Invalid token"}

        token = _refresh(http, str(secured.refresh_token)).json()["access_token"]
        assert (
            http.get(
                "/get_controller_status", headers={"Authorization": f"Bearer {token}"}
            ).status_code
            == 200
        )
        time.sleep(2.1)
        expired = http.get("/get_controller_status", headers={"Authorization": f"Bearer {token}"})
        assert expired.status_code == 401
        assert expired.json() == {"message": "Token expired"}


def test_invalid_refresh_tokens_are_401(secured: LocalController) -> None:
    with httpx.Client(base_url=secured.url) as http:
        assert _refresh(http, "not-a-token").status_code == 401
        assert _refresh(http, "not-a-token").json() == {"message": "Invalid token"}
        other = TokenAuthority().refresh_token  # signed with another key
        assert _refresh(http, other).status_code == 401
        access = secured.access_token()
        assert _refresh(http, access).status_code == 401
        assert _refresh(http, str(secured.refresh_token), role="superuser").status_code == 400


def test_auth_protects_every_operation_but_refresh(secured: LocalController) -> None:
    with httpx.Client(base_url=secured.url) as http:
        for method, path in [
            ("POST", "/api/v1/file-upload/init"),
            ("GET", "/api/v1/packages/download"),
            ("POST", "/api/v1/control/stop"),
            ("GET", "/api/v1/models/x/download"),
        ]:
            response = http.request(method, path)
            assert response.status_code == 401, path
        assert http.post("/api/auth/refresh", json={}).status_code == 400


def test_without_auth_tokens_are_ignored(shared_controller: LocalController) -> None:
    assert shared_controller.refresh_token is None
    with httpx.Client(base_url=shared_controller.url) as http:
        response = http.get("/api/v1/clients/", headers={"Authorization": "Bearer whatever"})
        assert response.status_code == 200
        refreshed = _refresh(http, "anything")
        assert refreshed.status_code == 200 and refreshed.json()["access_token"]


def test_jwt_round_trip_and_tampering() -> None:
    secret = b"k" * 32
    token = encode_jwt({"role": "admin", "exp": time.time() + 60}, secret)
    assert decode_jwt(token, secret)["role"] == "admin"
    head, body, signature = token.split(".")
    forged = encode_jwt({"role": "admin", "exp": time.time() + 6000}, b"other")
    with pytest.raises(TokenError, match="Invalid token"):
        decode_jwt(f"{head}.{forged.split('.')[1]}.{signature}", secret)
    with pytest.raises(TokenError, match="Token expired"):
        decode_jwt(encode_jwt({"exp": 1}, secret), secret)
    with pytest.raises(TokenError, match="Invalid token"):
        decode_jwt("a.b", secret)
