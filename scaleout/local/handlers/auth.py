from __future__ import annotations

import math

from starlette.responses import Response

from ..auth import ACCESS_ROLES
from ..errors import ApiError
from ..http import Call, json_response
from ._registry import operation


@operation
def refresh_token(call: Call) -> Response:
    body = call.json()
    services = call.services
    if services.options.auth:
        return json_response(services.tokens.refresh(str(body["refresh_token"]), body.get("role")))
    # Without auth nothing checks tokens; still answer, so clients that always refresh work.
    role = body.get("role") or "admin"
    if role not in ACCESS_ROLES:
        raise ApiError(400, f"Unknown role '{role}': use 'admin' or 'client'")
    return json_response(
        {
            "access_token": services.tokens.issue_access_token(role),
            "expires_in": max(1, math.ceil(services.tokens.access_token_ttl)),
            "token_type": "Bearer",
        }
    )
