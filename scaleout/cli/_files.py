"""``scaleout models upload|download`` and ``scaleout packages upload|activate|download``."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from pathlib import Path
from typing import Any, get_args

from .._exceptions import InvalidArgumentError, ScaleoutError
from ._app import Commands, Context
from ._progress import human_bytes

__all__ = ["register"]


def _helpers() -> tuple[str, ...]:
    from scaleout_api.schemas import Helper

    return get_args(Helper)


def _done(ctx: Context, answer: Mapping[str, Any], text: str) -> None:
    if ctx.output.json:
        ctx.output.data(answer)
    else:
        ctx.output.out.write(text + "\n")


def upload_model(ctx: Context, args: argparse.Namespace) -> None:
    path = Path(args.path)
    with ctx.progress(f"uploading {path.name}") as bar:
        answer = ctx.client.set_active_model(path, helper=args.helper, progress=bar.bytes)
    _done(ctx, answer, f"Uploaded {path.name}: it is the newest model, new sessions start from it")


def download_model(ctx: Context, args: argparse.Namespace) -> None:
    if args.session is not None and args.id is not None and args.path is None:
        # "models download --session SID PATH": the one positional given is the path.
        args.path, args.id = Path(args.id), None
    if (args.id is None) == (args.session is None):
        raise InvalidArgumentError(
            "models download: give a model ID or --session SESSION_ID (one of them)"
        )
    model_id = args.id
    if args.session is not None:
        model = ctx.client.get_session_model(args.session)
        if model is None:
            raise ScaleoutError(f"session {args.session} has produced no model yet")
        model_id = model["model_id"]
    target = args.path or Path(".")
    with ctx.progress(f"downloading {model_id}") as bar:
        result = ctx.client.download_model(model_id, target, progress=bar.bytes)
    _done(
        ctx,
        {**result, "model_id": model_id},
        f"Model {model_id} written to {result['path']} ({human_bytes(result['size'])})",
    )


def upload_package(ctx: Context, args: argparse.Namespace) -> None:
    path = Path(args.path)
    name = args.name or path.name.split(".")[0]
    with ctx.progress(f"uploading {path.name}") as bar:
        answer = ctx.client.set_active_package(
            path, args.helper, name, args.description, progress=bar.bytes
        )
    _done(ctx, answer, f"Uploaded {path.name} as package {name!r}: it is the active package")


def download_package(ctx: Context, args: argparse.Namespace) -> None:
    target = args.path or Path(".")
    with ctx.progress("downloading the active package") as bar:
        result = ctx.client.download_package(target, progress=bar.bytes)
    _done(
        ctx,
        result,
        f"Active package written to {result['path']} ({human_bytes(result['size'])})",
    )


def _package_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="FILE", help="the package archive (e.g. package.tgz)")
    parser.add_argument(
        "--helper", required=True, choices=_helpers(), help="the model helper the package uses"
    )
    parser.add_argument("--name", help="the package name (default: the file name)")
    parser.add_argument("--description", default="", help="a description")


def register(commands: Commands) -> None:
    from .._resources.models import HELPERS_BY_EXTENSION

    models = commands.existing("models")
    upload = commands.command(
        models,
        "upload",
        upload_model,
        "upload a model file and make it the newest model (e.g. a seed model)",
    )
    upload.add_argument("path", metavar="FILE", help="the model file (.npz or .bin)")
    upload.add_argument(
        "--helper",
        choices=_helpers(),
        help="the model helper (default: from the extension: "
        + ", ".join(f"{ext} {name}" for ext, name in HELPERS_BY_EXTENSION.items())
        + ")",
    )
    download = commands.command(
        models,
        "download",
        download_model,
        "download a model file: 'download ID [PATH]' or 'download --session SESSION_ID [PATH]'",
    )
    download.add_argument("id", nargs="?", metavar="ID", help="the model id")
    download.add_argument(
        "path",
        nargs="?",
        type=Path,
        metavar="PATH",
        help="the file to write, or a folder (default: the current folder)",
    )
    download.add_argument(
        "--session", metavar="SESSION_ID", help="the model that session produced, instead of ID"
    )

    packages = commands.existing("packages")
    for name, help in (
        ("upload", "upload a compute package; it becomes the active package"),
        ("activate", "upload a compute package and make it the active one (same as upload)"),
    ):
        _package_options(commands.command(packages, name, upload_package, help))
    fetch = commands.command(
        packages, "download", download_package, "download the active compute package"
    )
    fetch.add_argument(
        "path",
        nargs="?",
        type=Path,
        metavar="PATH",
        help="the file to write, or a folder (default: the current folder)",
    )
