#!/usr/bin/env bash
# Renders the app's main screens to docs/screenshots/*.png with Fyne's
# software renderer and the real engine: no display, GPU or network. Needs
# the shared test data (../shared/data or $TRANSFERLAB_DATA) for the
# catsdogs-60 pictures and the SqueezeNet weights. About half a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
CGO_ENABLED=0 go run -tags ci ./scripts/screenshots -out docs/screenshots "$@"
