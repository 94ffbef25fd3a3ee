#!/usr/bin/env bash
# THE test command: lint, type-check and the test suite, in the project venv.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -k spec -x`.
# It also installs what the spec checks run (tests marked `node`): the pinned Node tools
# (npm ci, from the npm registry) and Debian's chromium, each only when missing or changed.
set -euo pipefail

# shellcheck source=scripts/_venv.sh
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
# shellcheck source=scripts/_node.sh
source "$(dirname "${BASH_SOURCE[0]}")/_node.sh"
ensure_venv
cd "$ROOT"

failed=()
step() {
    local name="$1"
    shift
    echo "==> $name"
    if ! "$@"; then
        failed+=("$name")
    fi
}

# The tests on Python 3.12 and 3.13 (scripts/test_pythons.sh) run in the background meanwhile,
# on the machine's other core; only in a full run (no pytest arguments).
pythons_pid=""
if [ "$#" -eq 0 ] && [ -z "${SCALEOUT_SKIP_PYTHONS:-}" ]; then
    pythons_log="$(mktemp)"
    echo "==> Python 3.12 and 3.13: started in the background"
    bash scripts/test_pythons.sh >"$pythons_log" 2>&1 &
    pythons_pid=$!
fi

step "ruff check" ruff check scaleout tests scripts
step "ruff format --check" ruff format --check scaleout tests scripts
step "mypy" mypy scaleout
# Failures here are reported, and the tests that need the tools fail saying what is missing.
step "node tools (npm ci)" ensure_node_projects
step "chromium" ensure_chromium

# pytest runs last so its summary line closes the output. Exit code 5 (no tests
# collected) counts as a failure like any other non-zero code.
echo "==> pytest"
pytest_rc=0
pytest_log="$(mktemp)"
python -m pytest -q --record-mode=none --block-network -p no:cacheprovider "$@" |
    tee "$pytest_log" || pytest_rc=${PIPESTATUS[0]}
if [ "$pytest_rc" -ne 0 ]; then
    if [ "$pytest_rc" -eq 5 ]; then
        failed+=("pytest (no tests collected)")
    else
        failed+=("pytest (exit code $pytest_rc)")
    fi
fi

if [ -n "$pythons_pid" ]; then
    pythons_rc=0
    wait "$pythons_pid" || pythons_rc=$?
    echo "==> Python 3.12 and 3.13 (scripts/test_pythons.sh)"
    cat "$pythons_log"
    if [ "$pythons_rc" -ne 0 ]; then
        failed+=("Python 3.12/3.13 tests")
    fi
    # Their summaries came last; the closing line is the main run's again.
    echo "==> pytest (Python 3.11), repeated"
    tail -n 1 "$pytest_log"
fi

if [ "${#failed[@]}" -ne 0 ]; then
    printf 'FAILED: %s\n' "${failed[@]}" >&2
    exit 1
fi
