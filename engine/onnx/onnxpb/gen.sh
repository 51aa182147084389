#!/usr/bin/env bash
# Regenerates onnx.pb.go from onnx.proto (go generate ./engine/onnx/onnxpb/).
# Needs protoc (Debian: apt-get install protobuf-compiler; 3.21.12 made the
# committed file) and protoc-gen-go at the version go.mod requires:
#   go install google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.12
set -euo pipefail
cd "$(dirname "$0")"
PATH="$(go env GOPATH)/bin:$PATH" protoc --go_out=. --go_opt=paths=source_relative onnx.proto
