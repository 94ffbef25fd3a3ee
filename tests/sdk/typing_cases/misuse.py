"""A user's script with the mistakes mypy must flag: each line marked ``# error`` is one."""

from __future__ import annotations

from scaleout import AsyncScaleout, Scaleout


def run(client: Scaleout) -> None:
    model = client.get_model("m-1")
    print(model["nmae"])  # error: a misspelled result key
    count: int = model["model_id"]  # error: a str id assigned to an int
    client.start_session(name="experiment", aggregator="fedavgg")  # error: unknown aggregator
    client.start_session(aggregator_kwargs={"serveropt": "sgd"})  # error: unknown optimizer
    client.set_active_model("seed.npz", helper="numpy")  # error: unknown helper
    client.set_active_package("package.tgz", "numpy", "mnist")  # error: unknown helper
    for validation in client.iter_validations():
        print(validation["data"]["test_accuracy"])  # error: data is a JSON string
    session = client.get_session("s-1")
    if session["status"] == "finished":  # error: statuses are capitalised
        print(count)
    rounds = client.get_rounds(n_max=5)
    print(rounds["results"])  # error: the page key is "result"


async def run_async(client: AsyncScaleout) -> None:
    model = await client.get_model("m-1")
    print(model["nmae"])  # error: a misspelled result key
    count: int = client.get_models_count()  # error: a coroutine, not awaited
    print(count)
    await client.start_session(aggregator="fedavgg")  # error: unknown aggregator
    for item in client.iter_models():  # error: an async iterator needs async for
        print(item)
