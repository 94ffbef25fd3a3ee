#!/usr/bin/env bash
# The project's main job: the quickstart, a 5-round federated training session on the
# embedded local controller, driven through the SDK. Arguments go to the quickstart.
set -euo pipefail

# shellcheck source=scripts/_venv.sh
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
ensure_venv
cd "$ROOT"

exec python scripts/quickstart.py "$@"
