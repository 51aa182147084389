#!/bin/sh
# Regenerates the committed test inputs of engine/vulkan:
#  - axpy.spv from axpy.comp (needs glslangValidator: apt-get install glslang-tools)
#  - the C layout table in ../layout_test.go from layout.c (needs gcc and
#    vulkan_core.h: apt-get install libvulkan-dev); paste its output into
#    cLayout / cConstants when vk.go gains a struct or constant.
set -eu
cd "$(dirname "$0")"
glslangValidator -V --quiet axpy.comp -o axpy.spv
if [ "${1:-}" = layout ]; then
	cc -o /tmp/vulkan-layout layout.c && /tmp/vulkan-layout
fi
