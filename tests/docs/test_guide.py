"""Every example of the user guide (``docs/guide.md``) and of the README, run in order against a
local controller served by the installed ``scaleout local serve``.

``python`` blocks run in a fresh namespace each; ``console`` blocks run each ``$`` line as a
command (``export`` sets a variable for the blocks after it, a trailing ``&`` runs it in the
background). ``pip install`` lines are checked, not run: they must name this distribution and
extras it has. Port 8092 in the text is replaced by a free port.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

pytest.importorskip("connexion", reason="needs the [local] extra")
pytest.importorskip("pandas", reason="needs the [pandas] extra")
pytest.importorskip("matplotlib", reason="needs the [plot] extra")

pytestmark = [pytest.mark.local, pytest.mark.timeout(300)]

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
_FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)


@attrs.frozen
class Block:
    document: str
    line: int
    language: str
    text: str


def blocks(document: str) -> list[Block]:
    text = (ROOT / document).read_text(encoding="utf-8")
    return [
        Block(document, text.count("\n", 0, m.start()) + 1, m.group(1), m.group(2))
        for m in _FENCE.finditer(text)
        if m.group(1) in ("python", "console")
    ]


GUIDE = blocks("docs/guide.md")
README = blocks("README.md")


@attrs.define
class Shell:
    """What the console blocks share: the folder, the variables, background processes."""

    folder: Path
    port: int
    env: dict[str, str]
    background: list[subprocess.Popen[str]] = attrs.field(factory=list)
    started: set[str] = attrs.field(factory=set)

    def text(self, block: Block) -> str:
        return block.text.replace("8092", str(self.port))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def shell(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shell]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCALEOUT_")}
    env["PATH"] = os.pathsep.join([str(BIN), env.get("PATH", "")])
    env["SCALEOUT_PERSIST_TOKENS"] = "false"
    state = Shell(tmp_path_factory.mktemp("guide"), _free_port(), env)
    yield state
    for process in state.background:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=60)


@pytest.fixture
def in_shell(shell: Shell, monkeypatch: pytest.MonkeyPatch) -> Shell:
    """The shell's folder and variables, for a Python block run in this process."""
    monkeypatch.chdir(shell.folder)
    for name in [n for n in os.environ if n.startswith("SCALEOUT_")]:
        monkeypatch.delenv(name)
    for name, value in shell.env.items():
        if name.startswith("SCALEOUT_"):
            monkeypatch.setenv(name, value)
    return shell


def _run_console(shell: Shell, block: Block) -> None:
    for line in shell.text(block).splitlines():
        if not line.startswith("$ "):
            continue
        command = line[2:].strip()
        if command.startswith("pip install"):
            _check_install(command)
        elif command.startswith("export "):
            name, _, value = command[len("export ") :].partition("=")
            shell.env[name] = value
        elif command.endswith("&"):
            _start_in_background(shell, command.rstrip("&").strip())
        else:
            done = subprocess.run(
                shlex.split(command),
                cwd=shell.folder,
                env=shell.env,
                capture_output=True,
                text=True,
                timeout=240,
            )
            assert done.returncode == 0, f"{block.document}:{block.line} $ {command}\n{done.stderr}"


def _start_in_background(shell: Shell, command: str) -> None:
    if command in shell.started:
        return  # the README and the guide both start the same controller
    shell.started.add(command)
    process = subprocess.Popen(
        shlex.split(command),
        cwd=shell.folder,
        env=shell.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    shell.background.append(process)
    assert process.stdout is not None
    first = process.stdout.readline()
    assert "listening on" in first, first


def _check_install(command: str) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    target = shlex.split(command)[2]
    assert re.search(r"scaleout[-_]sdk", target), target
    extras = re.search(r"\[([\w,]+)\]", target)
    if extras:
        assert set(extras.group(1).split(",")) <= set(project["optional-dependencies"])
    if target.endswith(".whl"):
        assert target.split("/")[-1].startswith(f"scaleout_sdk-{project['version']}-py3-none-any")


def _run_python(block: Block, shell: Shell) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(shell.text(block), f"{block.document}:{block.line}", "exec"), {})  # noqa: S102
    return out.getvalue()


def _run(block: Block, shell: Shell) -> str:
    if block.language == "console":
        _run_console(shell, block)
        return ""
    return _run_python(block, shell)


@pytest.mark.parametrize("block", GUIDE, ids=[f"guide.md:{b.line}" for b in GUIDE])
def test_guide_example(block: Block, in_shell: Shell) -> None:
    _run(block, in_shell)


def test_guide_examples_did_their_work(in_shell: Shell) -> None:
    folder = in_shell.folder
    for name in (
        "package.tgz",
        "seed.npz",
        "final-model.npz",
        "experiment-1.png",
        "accuracy.png",
        "cli-run-loss.png",
    ):
        assert (folder / name).is_file(), name


def test_the_guide_covers_every_iterator() -> None:
    from scaleout import Scaleout

    text = (ROOT / "docs/guide.md").read_text(encoding="utf-8")
    iterators = [name for name in dir(Scaleout) if name.startswith("iter_")]
    assert [name for name in iterators if f"`{name}`" not in text] == []


@pytest.mark.parametrize("block", README, ids=[f"README.md:{b.line}" for b in README])
def test_readme_example(block: Block, in_shell: Shell) -> None:
    _run(block, in_shell)


def test_the_readme_ends_with_a_training_curve(in_shell: Shell) -> None:
    assert (in_shell.folder / "curve.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
