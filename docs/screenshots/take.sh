#!/usr/bin/env bash
# The README's screenshots: headless Chromium on a running `archive serve` (the seed archive:
# `archive ingest seeds && archive serve`), 1280x900, then pngquant when installed.
# Usage: docs/screenshots/take.sh [BASE_URL]   (default http://127.0.0.1:8001)
set -euo pipefail
base="${1:-http://127.0.0.1:8001}"
cd "$(dirname "$0")"
shot() {  # NAME PATH
  local profile
  profile="$(mktemp -d)"
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --hide-scrollbars --window-size=1280,900 \
    --virtual-time-budget=10000 --screenshot="$1.png" "$base$2" 2>/dev/null
  rm -rf "$profile"
  if command -v pngquant >/dev/null; then pngquant --force --skip-if-larger --output "$1.png" 64 "$1.png" || true; fi
}
shot start /
shot who-said-what "/archive/quote_attributions?_nocol=medium&_nocol=wire&_nocol=statement_id&_nocol=file_name"
shot person /person/1
shot quote /quote/23
shot places "/archive/place_summary?latitude__notnull=1"
shot search "/search?q=businesslike"
ls -la ./*.png
