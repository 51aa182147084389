#!/usr/bin/env bash
# Checks TransferLab's Vulkan backend on a real GPU and measures it against
# PyTorch on CUDA (fp32, TF32 off) on the same GPU, in one call, on a machine
# with an NVIDIA GPU and PyTorch but no Go, no Vulkan loader and no shared
# data. Prepare here first (builds into the git-ignored .devrun/):
#
#	scripts/gpu-bundle.sh
#
# then run from the repository root there, with .devrun alongside:
#
#	OUT=/tmp/gpu scripts/gpu-bench.sh [GEMM layouts, default "scalar vec"]
#
# It writes under $OUT (at most 6 files): summary.txt (the short story,
# also printed), tests.txt (the engine/gpu, engine/gpunet and engine/train
# GPU tests on this GPU, case 3's CPU and GPU losses among them),
# bench-LAYOUT.txt (tools/bench: resnet18, mobilenet_v2 and squeezenet1_1,
# forward and training step at batch 64, ours; PyTorch beside the first) and profiles.txt
# (where one step's time goes, per dispatch and GEMM shape).
set -u
cd "$(dirname "$0")/.."
out=${OUT:-gpu-bench-out}
mkdir -p "$out"
say() { echo "$*" | tee -a "$out/summary.txt"; }
started=$(date +%s)
elapsed() { echo "$(($(date +%s) - started)) s"; }

# The Vulkan loader: Debian's packages from the bundle when the machine lacks it.
if ! ldconfig -p 2>/dev/null | grep -q 'libvulkan.so.1 '; then
	for f in .devrun/gl/*.deb; do dpkg -x "$f" /; done
	ldconfig
fi
# NVIDIA's Vulkan driver: its ICD file where the container mounts the driver,
# else one written for libGLX_nvidia.so.0 (containers given only the
# "compute" capability have that library but no ICD file naming it).
icd=""
for f in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd*.json /etc/vulkan/icd.d/nvidia_icd*.json; do
	[ -f "$f" ] && { icd=$f; break; }
done
if [ -z "$icd" ]; then
	lib=$(ldconfig -p 2>/dev/null | awk '/libGLX_nvidia.so.0/ {print $NF; exit}')
	if [ -n "$lib" ]; then
		icd="$PWD/.devrun/nvidia_icd.json"
		printf '{"file_format_version":"1.0.0","ICD":{"library_path":"%s","api_version":"1.3.0"}}\n' "$lib" >"$icd"
	fi
fi
[ -n "$icd" ] && export VK_DRIVER_FILES="$icd" VK_ICD_FILENAMES="$icd"
say "$(date -u +%F) $(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null || echo 'nvidia-smi: not found'); ICD ${icd:-none}"

tar -C .devrun -xJf .devrun/bin.tar.xz
bin=$PWD/.devrun/bin
export TRANSFERLAB_DATA=$PWD/.devrun/data

# The tests, on this GPU (gputest opens the best device: the NVIDIA one).
for p in gpu gpunet train; do
	run=.
	[ $p = train ] && run='^TestGPU'
	(cd "engine/$p" && timeout 300 "$bin/$p.test" -test.count=1 -test.v -test.run "$run" >"$out/test-$p.txt" 2>&1)
	rc=$?
	say "engine/$p tests: exit $rc, $(grep -c '^--- FAIL' "$out/test-$p.txt") failed, $(grep -c '^--- PASS\|^    --- PASS' "$out/test-$p.txt") passed ($(elapsed))"
	grep '^--- FAIL\|^    --- FAIL' "$out/test-$p.txt" | head -5 | tee -a "$out/summary.txt"
done
say "case 3 and 4, a few steps on 64×64 pictures, loss CPU vs GPU per step:"
grep -E '^=== RUN|loss cpu' "$out/test-train.txt" | grep -A3 'TrainingStepsMatchCPU/' | grep -E 'RUN|loss cpu' |
	sed -e 's/^=== RUN   TestGPUTrainingStepsMatchCPU\//  /' -e 's/^ *gpu_test.go:[0-9]*: /    /' | tee -a "$out/summary.txt"
cat "$out"/test-*.txt >"$out/tests.txt" && rm -f "$out"/test-*.txt

# The benchmark: ours with each GEMM layout, PyTorch beside the first.
python=$(command -v python3)
: >"$out/profiles.txt"
torch=""
for layout in ${@:-scalar vec}; do
	mkdir -p "$out/prof-$layout"
	timeout 400 "$bin/bench" -device gpu -nets "${NETS:-resnet18,mobilenet_v2,squeezenet1_1}" -modes forward,train \
		-batch "${BATCH:-64}" -rounds "${ROUNDS:-1}" -iters "${ITERS:-10}" -warmup 3 -python "$python" \
		-torch-1thread=false -gemm "$layout" -gpu-profile "$out/prof-$layout" -json $torch >"$out/bench-$layout.txt" 2>&1
	torch=-no-torch
	say "bench, GEMM layout $layout (exit $?, $(elapsed)):"
	sed -n '/^ *network/,/^$/p' "$out/bench-$layout.txt" | tee -a "$out/summary.txt"
	for f in "$out/prof-$layout"/*.txt; do
		[ -f "$f" ] && { echo "== $layout $(basename "$f" .txt)"; cat "$f"; } >>"$out/profiles.txt"
	done
	rm -rf "$out/prof-$layout"
done
say "done in $(elapsed)"
