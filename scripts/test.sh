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
python -m pytest -q --record-mode=none --block-network -p no:cacheprovider "$@" || pytest_rc=$?
if [ "$pytest_rc" -ne 0 ]; then
    if [ "$pytest_rc" -eq 5 ]; then
        failed+=("pytest (no tests collected)")
    else
        failed+=("pytest (exit code $pytest_rc)")
    fi
fi

if [ "${#failed[@]}" -ne 0 ]; then
    printf 'FAILED: %s\n' "${failed[@]}" >&2
    exit 1
fi
