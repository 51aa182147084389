#!/usr/bin/env bash
# The project's test command (README.md; .ci/run runs exactly this).
# Needs Go 1.26 and gcc (for the race detector), no display, GPU or network;
# reads the shared test data from $TRANSFERLAB_DATA or ../shared/data.
set -euo pipefail
cd "$(dirname "$0")"
echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then echo "gofmt needed: $unformatted"; exit 1; fi
echo "== go vet"
CGO_ENABLED=0 go vet -tags ci ./...
echo "== tests (headless Fyne driver via -tags ci)"
CGO_ENABLED=0 go test -tags ci -count=1 -timeout 45m ./...
echo "== race detector (engine and CLI, short mode)"
go test -race -short -count=1 -timeout 30m ./engine/... ./cmd/...
