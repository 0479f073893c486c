# Builds and caches the client tools the client suites drive. Sourced by run.sh.
#
# Everything comes from the package registries through their ordinary clients: Go
# programs from the Go module proxy (go mod download, then go build inside a copy of the
# module, which honours its replace directives where `go install pkg@version` refuses
# them), Schemathesis from PyPI into a virtual environment. Built tools are kept in
# $CLIENT_TOOLS (default ~/.cache/atlas-gov-mock/clients) under their version, so a
# second run only checks that they are there; Go's module and build caches make a
# rebuild after a version bump incremental.

CLIENT_TOOLS="${CLIENT_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/atlas-gov-mock/clients}"

# The pinned versions. The Go SDK is pinned in test/clients/go/go.mod.
OPENTOFU_MODULE=github.com/opentofu/opentofu
OPENTOFU_VERSION=v1.12.6
PROVIDER_MODULE=github.com/mongodb/terraform-provider-mongodbatlas
PROVIDER_VERSION=v2.20.1
ATLASCLI_MODULE=github.com/mongodb/mongodb-atlas-cli/atlascli
ATLASCLI_VERSION=v1.60.0

# What the last ensure_* call made (TOOL_BIN), or why it could not (TOOL_UNAVAILABLE).
TOOL_BIN=""
TOOL_UNAVAILABLE=""

# ensure_go_tool NAME MODULE VERSION PACKAGE: sets TOOL_BIN to the built binary, or
# returns 1 with TOOL_UNAVAILABLE set (the module proxy refused the module, or the build
# failed).
ensure_go_tool() {
  local name="$1" module="$2" version="$3" package="$4"
  local bin="$CLIENT_TOOLS/bin/$name-$version"
  if [ -x "$bin" ]; then
    TOOL_BIN="$bin"
    return 0
  fi
  local info dir
  info="$(go mod download -json "$module@$version" 2>&1)"
  dir="$(printf '%s' "$info" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
  if [ -z "$dir" ]; then
    TOOL_UNAVAILABLE="$(printf '%s' "$info" | sed -n 's/^[[:space:]]*"Error": "\(.*\)",\{0,1\}$/\1/p' | sed -e 's/\\n.*//' -e 's/reading [^ ]*: //')"
    [ -n "$TOOL_UNAVAILABLE" ] || TOOL_UNAVAILABLE="go mod download $module@$version failed: $info"
    return 1
  fi
  local src="$CLIENT_TOOLS/src/$name-$version"
  if [ ! -d "$src" ]; then
    mkdir -p "$CLIENT_TOOLS/src"
    cp -R "$dir" "$src.tmp" && chmod -R u+w "$src.tmp" && mv "$src.tmp" "$src"
  fi
  mkdir -p "$CLIENT_TOOLS/bin"
  (cd "$src" && go build -trimpath -o "$bin.tmp" "./$package") >&2 || {
    TOOL_UNAVAILABLE="go build of $module@$version failed"
    return 1
  }
  mv "$bin.tmp" "$bin"
  TOOL_BIN="$bin"
}

# ensure_schemathesis: sets TOOL_BIN to the python of a virtual environment with the
# pinned Schemathesis.
ensure_schemathesis() {
  local venv="$CLIENT_TOOLS/venv"
  local requirements="$CLIENTS_DIR/schemathesis/requirements.txt"
  if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" >&2 || {
      TOOL_UNAVAILABLE="python3 -m venv failed"
      return 1
    }
  fi
  if ! cmp -s "$requirements" "$venv/requirements.txt"; then
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" >&2 || {
      TOOL_UNAVAILABLE="pip install -r $requirements failed"
      return 1
    }
    cp "$requirements" "$venv/requirements.txt"
  fi
  TOOL_BIN="$venv/bin/python"
}
