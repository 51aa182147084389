#!/usr/bin/env bash
# Checks TransferLab's Vulkan backend on a real GPU and measures it against
# PyTorch on CUDA on the same GPU, for resnet18 at batch 64 (forward and
# training step), printing the table of tools/bench. Meant for a machine
# with an NVIDIA GPU and PyTorch that may have no Go: build here first,
#
#	CGO_ENABLED=0 go build -o bench ./tools/bench
#	CGO_ENABLED=0 go test -c -o gpu.test ./engine/gpu        # optional: the ops' tests
#	CGO_ENABLED=0 go test -c -o gpunet.test ./engine/gpunet  # optional: six networks vs the CPU
#	cp /usr/lib/x86_64-linux-gnu/libvulkan.so.1 .   # only if the GPU machine lacks the Vulkan loader
#
# then run this script there next to ./bench. NVIDIA's Vulkan driver lives
# in libGLX_nvidia.so.0; containers given only the "compute" capability have
# that library but no ICD file naming it, so the script writes one.
set -u
cd "$(dirname "$0")/.."
nvidia-smi -L 2>/dev/null || echo "nvidia-smi: not found"
if [ -f libvulkan.so.1 ] && ! ldconfig -p 2>/dev/null | grep -q libvulkan.so.1; then
	export LD_LIBRARY_PATH="$PWD${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
if ! ls /usr/share/vulkan/icd.d/nvidia_icd*.json /etc/vulkan/icd.d/nvidia_icd*.json >/dev/null 2>&1; then
	lib=$(ldconfig -p 2>/dev/null | awk '/libGLX_nvidia.so.0/ {print $NF; exit}')
	if [ -n "$lib" ]; then
		icd="$PWD/nvidia_icd.json"
		printf '{"file_format_version":"1.0.0","ICD":{"library_path":"%s","api_version":"1.3.0"}}\n' "$lib" >"$icd"
		export VK_ICD_FILENAMES="$icd" VK_DRIVER_FILES="$icd"
		echo "wrote $icd for $lib"
	else
		echo "no NVIDIA Vulkan driver library (libGLX_nvidia.so.0) found"
	fi
fi
for t in gpu gpunet; do # the package tests on this GPU, where built
	[ -x "$t.test" ] && (cd "engine/$t" && "../../$t.test" -test.count=1 2>&1 | tail -3)
done
python=$(command -v python3)
"$python" -c "import torch, torchvision; print('torch', torch.__version__, 'cuda', torch.cuda.is_available() and torch.cuda.get_device_name())"
./bench -device gpu -nets "${NETS:-resnet18}" -modes forward,train -batch "${BATCH:-64}" \
	-rounds "${ROUNDS:-2}" -iters "${ITERS:-5}" -warmup 2 -python "$python" -torch-1thread=false -json
