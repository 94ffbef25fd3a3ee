#!/usr/bin/env bash
# Re-record every cassette in tests/recorded/ against fresh local controllers.
# Each test starts its own controller on a free 127.0.0.1 port; recorded URLs are rewritten
# to http://127.0.0.1:8092 and tokens, Authorization headers and dates are scrubbed.
# Extra arguments go to pytest, e.g. `-k sessions` to re-record one file.
set -euo pipefail

# shellcheck source=scripts/_venv.sh
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
ensure_venv
cd "$ROOT"

python -m pytest -q -p no:cacheprovider --record-mode=rewrite tests/recorded "$@"
