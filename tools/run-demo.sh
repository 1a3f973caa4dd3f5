#!/bin/bash
# Installs what is missing, builds Indsats and opens the window on a fresh copy of the demo plan.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
bash tools/install-deps.sh
[ -d build ] || meson setup build
ninja -C build
export GSETTINGS_SCHEMA_DIR="$top/build/data"
export INDSATS_LOCALEDIR="$top/build/po"
exec ./build/src/indsats --demo "$@"
