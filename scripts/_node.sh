# shellcheck shell=bash
# The Node tools and the headless browser of the spec checks, sourced by scripts/test.sh.
#
#   source scripts/_node.sh && ensure_node_projects && ensure_chromium
#
# ensure_node_projects runs `npm ci` (the npm registry is the only network it needs) in each
# folder of NODE_PROJECTS, skipped when a stamp in its node_modules matches the hash of its
# package-lock.json and the Node version. Install scripts are not run: none of the pinned
# tools needs one, and one of their dependencies only uses its script to send telemetry.
#
# ensure_chromium installs Debian's `chromium` package when no chromium is on PATH (as root,
# or through passwordless sudo).

NODE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_PROJECTS=("$NODE_ROOT" "$NODE_ROOT/clients/typescript")

_node_log() { printf '[node] %s\n' "$*" >&2; }

_lock_hash() {
    { cat "$1/package-lock.json"; node --version; } | sha256sum | cut -d' ' -f1
}

ensure_node_projects() {
    local project want stamp
    if ! command -v npm >/dev/null 2>&1; then
        _node_log "npm not found: install Node.js 20 or later"
        return 1
    fi
    for project in "${NODE_PROJECTS[@]}"; do
        if [ ! -f "$project/package-lock.json" ]; then
            _node_log "$project/package-lock.json is missing"
            return 1
        fi
        stamp="$project/node_modules/.scaleout-npm-stamp"
        want="$(_lock_hash "$project")" || return 1
        if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
            continue
        fi
        _node_log "npm ci in ${project#"$NODE_ROOT"/}"
        (cd "$project" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) || {
            _node_log "npm ci failed in $project"
            return 1
        }
        printf '%s\n' "$want" >"$stamp"
    done
}

chromium_path() {
    command -v chromium
}

ensure_chromium() {
    if chromium_path >/dev/null; then
        return 0
    fi
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if ! sudo -n true 2>/dev/null; then
            _node_log "chromium is missing; install Debian's chromium package (apt-get install chromium)"
            return 1
        fi
        sudo=(sudo -n)
    fi
    _node_log "installing Debian's chromium"
    "${sudo[@]}" apt-get update -qq &&
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
            --no-install-recommends chromium >/dev/null || {
        _node_log "apt-get install chromium failed"
        return 1
    }
}
