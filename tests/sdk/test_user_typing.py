"""What mypy --strict tells a user about their own script, through the SDK's types.

``typing_cases/misuse.py`` holds the mistakes the typed results and arguments exist to catch
(a misspelled result key, an unknown aggregator or helper, a JSON-string field used as a dict,
a str id assigned to an int...), each on a line marked ``# error:``. ``correct_use.py`` is the
same script written correctly. mypy must flag exactly the marked lines, and nothing else.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

CASES = Path(__file__).parent / "typing_cases"
_ERROR = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): error: (?P<message>.*)$")


@pytest.fixture(scope="module")
def mypy_errors(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[int, list[str]]]:
    folder = tmp_path_factory.mktemp("user-mypy")
    config = folder / "mypy.ini"
    config.write_text("[mypy]\n", encoding="utf-8")
    files = sorted(CASES.glob("*.py"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--config-file",
            str(config),
            "--cache-dir",
            str(folder / "cache"),
            "--show-error-codes",
            "--no-error-summary",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=folder,
    )
    errors: dict[str, dict[int, list[str]]] = {path.name: {} for path in files}
    for line in result.stdout.splitlines():
        match = _ERROR.match(line)
        if match:
            name = Path(match["file"]).name
            errors[name].setdefault(int(match["line"]), []).append(match["message"])
    assert result.returncode in (0, 1), result.stdout + result.stderr
    return errors


def _marked_lines(path: Path) -> set[int]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {number for number, text in enumerate(lines, 1) if "# error:" in text}


def test_every_mistake_is_flagged_and_nothing_else(
    mypy_errors: dict[str, dict[int, list[str]]],
) -> None:
    marked = _marked_lines(CASES / "misuse.py")
    assert len(marked) >= 9
    assert set(mypy_errors["misuse.py"]) == marked, mypy_errors["misuse.py"]


def test_the_correct_script_passes(mypy_errors: dict[str, dict[int, list[str]]]) -> None:
    assert mypy_errors["correct_use.py"] == {}


def test_the_errors_name_the_spec_types(mypy_errors: dict[str, dict[int, list[str]]]) -> None:
    messages = " ".join(m for found in mypy_errors["misuse.py"].values() for m in found)
    assert '"nmae"' in messages and '"model_id"' in messages  # the keys a Model has
    assert "Literal['fedavg', 'fedopt']" in messages
    assert "Literal['numpyhelper', 'binaryhelper', 'androidhelper']" in messages
    assert 'Value of type "str | None" is not indexable' in messages
