#!/usr/bin/env bash
# The project's test command (README.md; .ci/run runs exactly this).
# Needs Go 1.26, gcc (for the race detector) and Mesa's software Vulkan
# driver (lavapipe, for the GPU backend's tests); no display, GPU or network.
# Reads the shared test data from $TRANSFERLAB_DATA or ../shared/data.
set -euo pipefail
cd "$(dirname "$0")"
echo "== Vulkan (lavapipe) for the GPU backend's tests"
vulkan_pkgs="mesa-vulkan-drivers libvulkan1"
if [ "${TRANSFERLAB_NO_VULKAN:-}" = 1 ]; then
	echo "TRANSFERLAB_NO_VULKAN=1: the GPU backend's tests will skip"
elif ! ls /usr/share/vulkan/icd.d/lvp_icd.*.json /usr/lib/*/libvulkan.so.1 >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ]; then
		export DEBIAN_FRONTEND=noninteractive
		apt-get install -y -q $vulkan_pkgs >/dev/null || { apt-get update -q && apt-get install -y -q $vulkan_pkgs >/dev/null; }
	else
		echo "missing Vulkan's software driver: run  sudo apt-get install -y $vulkan_pkgs"
		exit 1
	fi
fi
echo "== ONNX Runtime (node) for the ONNX export's tests"
# --ignore-scripts: the package's install script fetches a GPU build from
# the web; the CPU library it needs is inside the package already.
if ! command -v node >/dev/null && [ "$(id -u)" = 0 ]; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm >/dev/null || { apt-get update -q && apt-get install -y -q nodejs npm >/dev/null; }
fi
if command -v npm >/dev/null && [ ! -e tools/onnxcheck/node_modules/onnxruntime-node/package.json ]; then
	(cd tools/onnxcheck && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
echo "== generated code matches its sources (SPIR-V shaders, GEMM assembly)"
if ! command -v glslangValidator >/dev/null && [ "$(id -u)" = 0 ]; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q glslang-tools >/dev/null || true
fi
generated="engine/gpu/shaders/spv engine/kernels/gemm_amd64.s"
if command -v glslangValidator >/dev/null; then
	go generate ./engine/gpu/ ./engine/kernels/
else
	echo "glslangValidator not installed (glslang-tools): checking the GEMM assembly only"
	go generate ./engine/kernels/
fi
if git rev-parse --git-dir >/dev/null 2>&1 && ! git diff --quiet -- $generated; then
	git diff --stat -- $generated
	echo "generated files differ from their sources: run go generate ./engine/gpu/ ./engine/kernels/ and commit"
	exit 1
fi
echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then echo "gofmt needed: $unformatted"; exit 1; fi
echo "== go vet"
CGO_ENABLED=0 go vet -tags ci ./...
echo "== Windows and macOS builds (build only: the release's .exe files and macOS command lines)"
# scripts/release.sh --cross builds what the release ships for Windows (the
# app with cgo through mingw-w64, the CLI, both with icon and version
# resource) and the macOS CLI for amd64 and arm64, so a change that breaks
# them fails here; as root it installs mingw-w64 with apt like the steps above.
cross=$(mktemp -d)
./scripts/release.sh --cross "$cross"
rm -rf "$cross"
echo "== tests (headless Fyne driver via -tags ci)"
CGO_ENABLED=0 go test -tags ci -count=1 -timeout 45m ./...
if [ "$(id -u)" = 0 ]; then
	# Root reads every folder, so the unreadable-folder tests skip under it;
	# CI runs as root, so they run again here as an unprivileged user and
	# must pass, not skip.
	echo "== unreadable class folders, as user nobody"
	dir=$(mktemp -d) && chmod 755 "$dir"
	CGO_ENABLED=0 go test -c -o "$dir/dataset.test" ./engine/dataset
	out=$(cd engine/dataset && runuser -u nobody -- "$dir/dataset.test" -test.run 'Unreadable' -test.v 2>&1) || { echo "$out"; exit 1; }
	echo "$out" | grep -E '^--- ' || true
	[ "$(echo "$out" | grep -c '^--- PASS')" = 2 ] || { echo "$out"; echo "the unreadable-folder tests did not both run and pass"; exit 1; }
	rm -rf "$dir"
fi
echo "== race detector (engine and CLI, short mode)"
go test -race -short -count=1 -timeout 30m ./engine/... ./cmd/...
echo "== fuzz targets, briefly (the parsers of outside bytes; FUZZTIME overrides 10s)"
# Each runs alone: go test -fuzz takes one target in one package. A crash
# leaves its input under the package's testdata/fuzz/ to commit as a
# regression case.
fuzz_targets="
FuzzDecode ./engine/imageprep/internal/jpegdec
FuzzDecodeBytes ./engine/imageprep
FuzzLoadPth ./engine/weights
FuzzLoadCheckpoint ./engine/weights
FuzzLoadClassifier ./engine/train
FuzzDecodeEntry ./engine/features
FuzzLoadProject ./ui/project
"
# -fuzzminimizetime 2s: each new input is shrunk for at most 2 s (the
# default, 60 s, let FuzzLoadClassifier spend a 10-minute run shrinking,
# at 69 executions). Go 1.26's fuzzing coordinator can end a run that found nothing with
# "context deadline exceeded" when -fuzztime runs out while a worker is
# busy (go.dev/issue/75804, fixed in Go 1.27), more often on a loaded
# machine. A real failure writes its input under testdata/fuzz/; so a run
# that fails with that message and writes nothing is reported, not failed.
echo "$fuzz_targets" | while read -r target pkg; do
	[ -n "$target" ] || continue
	echo "-- $target ($pkg)"
	corpus="$pkg/testdata/fuzz/$target"
	before=$(ls "$corpus" 2>/dev/null | wc -l)
	if out=$(go test -run '^$' -fuzz "^$target\$" -fuzztime "${FUZZTIME:-10s}" -fuzzminimizetime 2s "$pkg" 2>&1); then
		echo "$out" | tail -1
		continue
	fi
	echo "$out" | grep -v '^fuzz: elapsed' | tail -20
	after=$(ls "$corpus" 2>/dev/null | wc -l)
	if [ "$before" = "$after" ] && echo "$out" | grep -q '^    context deadline exceeded$'; then
		echo "$target: Go's fuzzing coordinator stopped at the time limit (go.dev/issue/75804); no failing input was found"
		continue
	fi
	exit 1
done
