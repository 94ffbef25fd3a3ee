#!/usr/bin/env bash
# The project's main job. For now: validate openapi/controller.yaml and print a
# summary of it (later this will run the quickstart instead).
set -euo pipefail

# shellcheck source=scripts/_venv.sh
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
ensure_venv
cd "$ROOT"

exec python scripts/spec_summary.py "$@"
