# shellcheck shell=bash
# Shared virtualenv setup, sourced by scripts/test.sh and scripts/main.sh.
#
#   source scripts/_venv.sh && ensure_venv
#
# Creates (or reuses) $ROOT/.venv with Python 3.11 and installs the project in
# editable mode with the extras in $SCALEOUT_EXTRAS (default: local,plot,pandas) and
# the dependency groups in $SCALEOUT_GROUPS (default: dev, the test and lint tools;
# a group, unlike an extra, is not published). Installing groups needs pip >= 25.1,
# which is installed into the venv first when it has an older one. The install is
# skipped when a stamp file in .venv matches the hash of pyproject.toml + the extras
# and groups + the interpreter version. A venv whose python no longer runs (e.g.
# moved machine) is recreated.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
VENV_PY="$VENV/bin/python"
SCALEOUT_EXTRAS="${SCALEOUT_EXTRAS:-local,plot,pandas}"
SCALEOUT_GROUPS="${SCALEOUT_GROUPS:-dev}"
_STAMP="$VENV/.scaleout-install-stamp"

_log() { printf '[venv] %s\n' "$*" >&2; }

_find_python() {
    local candidate
    for candidate in "${SCALEOUT_PYTHON:-}" python3.11 python3; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
            printf '%s\n' "$candidate"
            return 0
        fi
    done
    _log "Python 3.11 not found (tried \$SCALEOUT_PYTHON, python3.11, python3)"
    return 1
}

_venv_ok() {
    [ -x "$VENV_PY" ] &&
        "$VENV_PY" -c 'import sys, pip; sys.exit(sys.version_info[:2] != (3, 11))' >/dev/null 2>&1
}

_install_hash() {
    {
        cat "$ROOT/pyproject.toml"
        printf 'extras=%s groups=%s\n' "$SCALEOUT_EXTRAS" "$SCALEOUT_GROUPS"
        "$VENV_PY" -c 'import sys; print(sys.version)'
    } | "$VENV_PY" -c 'import hashlib, sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())'
}

ensure_venv() {
    local python
    if ! _venv_ok; then
        if [ -e "$VENV" ]; then
            _log "existing .venv is broken or not Python 3.11: recreating it"
            rm -rf "$VENV"
        fi
        python="$(_find_python)" || return 1
        _log "creating .venv with $python"
        "$python" -m venv "$VENV" || return 1
    fi
    local want
    want="$(_install_hash)" || return 1
    if [ ! -f "$_STAMP" ] || [ "$(cat "$_STAMP")" != "$want" ]; then
        _log "installing the project (.[$SCALEOUT_EXTRAS], groups: $SCALEOUT_GROUPS) into .venv"
        rm -f "$_STAMP"
        local groups=()
        local group
        for group in ${SCALEOUT_GROUPS//,/ }; do
            groups+=(--group "$group")
        done
        if [ "${#groups[@]}" -ne 0 ] && ! "$VENV_PY" -c \
            'import sys, pip; sys.exit(tuple(map(int, pip.__version__.split(".")[:2])) < (25, 1))'; then
            "$VENV_PY" -m pip install -qq --disable-pip-version-check "pip>=25.1" || {
                _log "upgrading pip (needed for dependency groups) failed"
                return 1
            }
        fi
        (cd "$ROOT" && "$VENV_PY" -m pip install -qq --disable-pip-version-check \
            -e ".[$SCALEOUT_EXTRAS]" "${groups[@]}") || {
            _log "pip install failed"
            return 1
        }
        printf '%s\n' "$want" >"$_STAMP"
    fi
    export VIRTUAL_ENV="$VENV"
    export PATH="$VENV/bin:$PATH"
    hash -r
}
