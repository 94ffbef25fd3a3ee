#!/usr/bin/env bash
# The tests on the other Python versions the package claims (pyproject's classifiers and
# Requires-Python): for each, a virtualenv (.venv-py3.X, reused while pyproject.toml is
# unchanged) with the package installed from a freshly built wheel, with every extra, and the
# SDK, unit and installed-command tests run against that wheel (not the source tree).
#
#   bash scripts/test_pythons.sh [3.12 3.13]
#
# An interpreter is looked for as $SCALEOUT_PYTHON_3_12 (dots as underscores), python3.12 on
# PATH, then pyenv's versions. A version without an interpreter is reported and skipped, so a
# machine with Python 3.11 alone still passes scripts/test.sh; CI's machines have all three.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VERSIONS=("$@")
[ "${#VERSIONS[@]}" -ne 0 ] || VERSIONS=(3.12 3.13)
# What the tests need beyond the package's extras (a subset of the dev dependency group).
TEST_TOOLS=("pytest==9.2.*" "pytest-timeout==2.4.*" "pytest-recording==0.14.*" "vcrpy==9.4.*"
    "hypothesis==6.*" "PyYAML>=6")

log() { printf '[pythons] %s\n' "$*" >&2; }

find_python() {
    local version="$1" variable candidate
    variable="SCALEOUT_PYTHON_${version//./_}"
    for candidate in "${!variable:-}" "python$version" \
        "$(pyenv root 2>/dev/null || echo /nonexistent)"/versions/"$version"*/bin/"python$version"; do
        [ -n "$candidate" ] || continue
        if "$candidate" -c "import sys; sys.exit(sys.version_info[:2] != tuple(map(int, '$version'.split('.'))))" \
            >/dev/null 2>&1; then
            printf '%s\n' "$candidate"
            return 0
        fi
    done
    return 1
}

wheel_dir="$(mktemp -d)"
trap 'rm -rf "$wheel_dir"' EXIT
built=0
failed=()
for version in "${VERSIONS[@]}"; do
    if ! python="$(find_python "$version")"; then
        log "SKIPPED Python $version: no interpreter found"
        continue
    fi
    if [ "$built" -eq 0 ]; then
        log "building the wheel"
        "$python" -m venv "$wheel_dir/build-venv"
        "$wheel_dir/build-venv/bin/python" -m pip wheel -qq --disable-pip-version-check \
            --no-deps -w "$wheel_dir" "$ROOT" >&2
        built=1
    fi
    wheel="$(ls "$wheel_dir"/scaleout_sdk-*.whl)"
    venv="$ROOT/.venv-py$version"
    stamp="$venv/.scaleout-stamp"
    want="$(cat pyproject.toml | "$python" -c 'import hashlib,sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())')"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
        log "Python $version: creating $venv"
        rm -rf "$venv"
        "$python" -m venv "$venv"
        "$venv/bin/python" -m pip install -qq --disable-pip-version-check \
            "${TEST_TOOLS[@]}" "$wheel[local,plot,pandas]" >&2
        printf '%s\n' "$want" >"$stamp"
    else
        # The same dependencies: only the package itself is replaced by the new wheel.
        "$venv/bin/python" -m pip install -qq --disable-pip-version-check --force-reinstall \
            --no-deps "$wheel" >&2
    fi
    where="$(cd / && "$venv/bin/python" -c 'import scaleout; print(scaleout.__file__)')"
    case "$where" in
    "$venv"/*) ;;
    *)
        log "Python $version: scaleout imports from $where, not from the wheel"
        failed+=("$version")
        continue
        ;;
    esac
    log "Python $version ($("$venv/bin/python" -V 2>&1)): tests against the installed wheel"
    # The venv's pytest script, not `python -m pytest`: the latter would put the source tree
    # first on sys.path, and the tests would import it instead of the wheel.
    # test_user_typing checks how mypy reads the SDK's types, the same on every interpreter.
    # test_bench_link checks a benchmark script of the source tree, which the wheel lacks.
    if ! "$venv/bin/pytest" -q -p no:cacheprovider -o pythonpath= --record-mode=none \
        --block-network --ignore=tests/sdk/test_user_typing.py \
        --ignore=tests/unit/test_bench_link.py \
        tests/sdk tests/unit tests/cli/test_cli_installed.py; then
        failed+=("$version")
    fi
done

if [ "${#failed[@]}" -ne 0 ]; then
    log "FAILED on Python ${failed[*]}"
    exit 1
fi
