#!/usr/bin/env bash
# Prepares .devrun/ (git-ignored) for scripts/gpu-bench.sh on a GPU machine
# that has no Go, no Vulkan loader and no shared data: prebuilt x86-64
# binaries (the benchmark and the engine/gpu, engine/gpunet and engine/train
# test binaries, stripped and xz-compressed), a small copy of the shared data the GPU tests
# read, and Debian's Vulkan loader packages. Run here, on amd64 Debian:
#
#	scripts/gpu-bundle.sh && du -sh .devrun    # must stay well under 64 MiB
set -euo pipefail
cd "$(dirname "$0")/.."
data=${TRANSFERLAB_DATA:-../shared/data}
out=.devrun
rm -rf "$out/bin" "$out/data" "$out/bin.tar.xz"
mkdir -p "$out/bin" "$out/gl"
export CGO_ENABLED=0 GOOS=linux GOARCH=amd64
strip="-ldflags=-s -w"
go build "$strip" -o "$out/bin/bench" ./tools/bench
for p in gpu gpunet train; do go test -c "$strip" -o "$out/bin/$p.test" "./engine/$p"; done
XZ_OPT=-9 tar -C "$out" -cJf "$out/bin.tar.xz" bin && rm -rf "$out/bin"

# The GPU tests' data: a few pictures per class of hymenoptera (the tests use
# the first 24 training pictures and compare the CPU with the GPU on the same
# ones), catsdogs-60 and the SqueezeNet weights.
mkdir -p "$out/data/datasets" "$out/data/weights"
for split in train val; do
	for cls in ants bees; do
		mkdir -p "$out/data/datasets/hymenoptera/$split/$cls"
		ls "$data/datasets/hymenoptera/$split/$cls" | sort | head -n "$([ $split = train ] && echo 24 || echo 8)" |
			while read -r f; do cp "$data/datasets/hymenoptera/$split/$cls/$f" "$out/data/datasets/hymenoptera/$split/$cls/"; done
	done
done
cp -r "$data/datasets/catsdogs-60" "$out/data/datasets/"
cp "$data/weights/squeezenet1_1-imagenet.pth" "$out/data/weights/"

# The Vulkan loader (and GL dispatch, which NVIDIA's driver library needs).
if ! ls "$out"/gl/libvulkan1_*.deb >/dev/null 2>&1; then
	lists=$(mktemp -d)
	mkdir -p "$lists/partial"
	o="-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=$lists"
	apt-get $o update >/dev/null
	(cd "$out/gl" && apt-get $o download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2)
fi
du -sh "$out"
