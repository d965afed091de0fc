#!/usr/bin/env bash
# Builds the VS Code extension: installs the locked packages, tests the grammar on every
# example and lesson, and packages alliance.vsix (install it with
# `code --install-extension editors/vscode/alliance.vsix`; see docs/editors.md).
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
node --check extension.js
node --test test/
npx vsce package --allow-missing-repository --skip-license --out alliance.vsix
