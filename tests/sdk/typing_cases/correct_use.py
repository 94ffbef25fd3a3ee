"""The same script written correctly: mypy --strict must accept it."""

from __future__ import annotations

import json

from scaleout import AsyncScaleout, Scaleout
from scaleout.types import Model, Round, SessionStatus


def newest(models: list[Model]) -> Model | None:
    return models[-1] if models else None


def run(client: Scaleout) -> None:
    model = client.get_model("m-1")
    print(model.get("name"))
    model_id: str = model["model_id"]
    started = client.start_session(
        name="experiment",
        aggregator="fedopt",
        aggregator_kwargs={"serveropt": "adam", "learning_rate": 0.01},
        model_id=model_id,
    )
    client.set_active_model("seed.npz", helper="numpyhelper")
    client.set_active_package("package.tgz", "numpyhelper", "mnist")
    for validation in client.iter_validations(filters={"session_id": started["session_id"]}):
        metrics = json.loads(validation.get("data") or "{}")
        print(float(metrics["test_accuracy"]))
    session = client.wait_for_session(started["session_id"], timeout=600)
    status: SessionStatus | None = session.get("status")
    if status == "Finished":
        trail = client.get_model_trail()
        print(newest(trail))
    rounds: list[Round] = client.get_rounds(n_max=5)["result"]
    print(len(rounds), client.get_models_count() + 1)
    saved = client.with_options(timeout=600).download_model(model_id, "model.npz")
    print(saved["path"], saved["size"])


async def run_async(client: AsyncScaleout) -> None:
    model = await client.get_model("m-1")
    model_id: str = model["model_id"]
    count: int = await client.get_models_count()
    started = await client.start_session(aggregator="fedopt", model_id=model_id)
    async for validation in client.iter_validations(filters={"session_id": started["session_id"]}):
        print(json.loads(validation.get("data") or "{}"), count)

    async def on_round(round_: Round) -> None:
        print(round_["round_id"])

    await client.wait_for_session(started["session_id"], on_round=on_round)
    async with client.with_options(timeout=30) as view:
        print(await view.get_controller_status())
