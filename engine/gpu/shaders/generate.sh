#!/bin/sh
# Compiles every compute shader here to SPIR-V in spv/ (committed and
# embedded, so building the module needs no shader compiler). Run through
# `go generate ./engine/gpu/` after editing a .comp file; needs
# glslangValidator (Debian/Ubuntu: apt-get install glslang-tools).
set -eu
cd "$(dirname "$0")"
mkdir -p spv
rm -f spv/*.spv
for src in *.comp; do
	name=${src%.comp}
	glslangValidator -V --target-env vulkan1.0 -o "spv/$name.spv" "$src" >/dev/null ||
		{ glslangValidator -V --target-env vulkan1.0 -o "spv/$name.spv" "$src"; exit 1; }
done
