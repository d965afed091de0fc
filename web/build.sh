#!/usr/bin/env bash
# Builds the playground into web/dist/: the core compiled to WebAssembly (wasm-bindgen, then
# wasm-opt when binaryen is installed), bundled with the page by esbuild. The wasm is inside the
# script, so dist/index.html works from a file:// URL as well as from any static server.
#
# Needs: the wasm32-unknown-unknown target, wasm-bindgen-cli 0.2.130 (the version web/Cargo.toml
# pins), node and npm. CARGO_TARGET_DIR is honoured.
set -euo pipefail
web="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$web")"
target="${CARGO_TARGET_DIR:-$root/target}"
cd "$root"

echo "== web: the core for wasm32"
cargo build -p alliance-web --lib --target wasm32-unknown-unknown --profile wasm
want="$(grep -o 'wasm-bindgen = "=[0-9.]*"' web/Cargo.toml | grep -o '[0-9][0-9.]*')"
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')"
if [ "$have" != "$want" ]; then
  echo "wasm-bindgen $want is needed (found: ${have:-none}): cargo install wasm-bindgen-cli --version $want" >&2
  exit 1
fi
rm -rf web/pkg && mkdir -p web/pkg/raw
wasm="$target/wasm32-unknown-unknown/wasm/alliance_web.wasm"
# wasm-opt runs before wasm-bindgen: Debian's binaryen (version 108) spoils the table of
# JavaScript references that wasm-bindgen adds, but leaves rustc's output sound.
if command -v wasm-opt >/dev/null 2>&1; then
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$wasm" -o web/pkg/raw/alliance_web.wasm
else
  echo "wasm-opt (Debian's binaryen) is not installed: the .wasm is left as rustc wrote it" >&2
  cp "$wasm" web/pkg/raw/alliance_web.wasm
fi
wasm-bindgen --target web --no-typescript --out-dir web/pkg web/pkg/raw/alliance_web.wasm
rm -r web/pkg/raw
# A panic aborts the instance; the page then starts the core again, which the generated loader
# allows only if it does not keep its first instance.
sed -i 's/^\(\s*\)if (wasm !== undefined) return wasm;/\1\/\/ (the page may start the core again)/' web/pkg/alliance_web.js
grep -q 'the page may start the core again' web/pkg/alliance_web.js \
  || { echo "wasm-bindgen's loader changed: the page could not restart the core after a panic" >&2; exit 1; }

echo "== web: the page"
cd web
[ -d node_modules ] || npm ci --no-audit --no-fund
rm -rf dist && mkdir -p dist
node_modules/.bin/esbuild src/main.js --bundle --format=iife --minify --loader:.wasm=binary \
  --log-override:empty-import-meta=silent --outfile=dist/playground.js --log-level=warning
cp src/index.html src/style.css dist/
wasm_size=$(stat -c %s pkg/alliance_web_bg.wasm)
echo "built web/dist (the .wasm: $wasm_size bytes; the page's script: $(stat -c %s dist/playground.js) bytes)"
