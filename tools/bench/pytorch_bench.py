#!/usr/bin/python3
"""PyTorch side of TransferLab's benchmark (go run ./tools/bench).

Times one torchvision network on the CPU, forward pass (evaluation mode, no
gradients: feature extraction) or training step (training mode, forward,
cross-entropy, backward, SGD with momentum 0.9), on random inputs at a fixed
batch size and thread count, and prints one JSON line:

    /usr/bin/python3 tools/bench/pytorch_bench.py --net resnet18 --mode train \
        --batch 16 --threads 2 --iters 3

Weights are torchvision's random initialisation (speed does not depend on
them). peak_rss_mb is the process's peak resident memory, interpreter and
libraries included.
"""
import argparse
import json
import resource
import time

import torch
import torchvision


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--net", required=True)
    ap.add_argument("--mode", choices=["forward", "train"], default="forward")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--size", type=int, default=224)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--iters", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--device", choices=["cpu", "gpu"], default="cpu",
                    help="gpu: CUDA, fp32 (TF32 off), cuDNN autotuning on")
    a = ap.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    dev = torch.device("cuda" if a.device == "gpu" else "cpu")
    if a.device == "gpu":  # plain fp32, as ours computes
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False
        torch.backends.cudnn.benchmark = True
    model = getattr(torchvision.models, a.net)().to(dev)
    x = torch.randn(a.batch, 3, a.size, a.size, device=dev)
    y = torch.randint(0, 1000, (a.batch,), device=dev)

    if a.mode == "forward":
        model.eval()

        def step():  # the output comes back to the host, as ours does
            with torch.inference_mode():
                model(x).cpu()
    else:
        model.train()
        opt = torch.optim.SGD(model.parameters(), lr=1e-3, momentum=0.9)

        def step():
            opt.zero_grad(set_to_none=False)
            loss = torch.nn.functional.cross_entropy(model(x), y)
            loss.backward()
            opt.step()
            loss.item()  # wait for the step, as ours downloads loss and logits

    for _ in range(a.warmup):
        step()
    times = []
    for _ in range(a.iters):
        t = time.perf_counter()
        step()
        times.append(time.perf_counter() - t)
    total = sum(times)
    print(json.dumps({
        "impl": "pytorch",
        "version": torch.__version__,
        "net": a.net,
        "mode": a.mode,
        "batch": a.batch,
        "threads": torch.get_num_threads(),
        "kernel": torch.cuda.get_device_name() if a.device == "gpu" else "",
        "seconds": times,
        "img_per_s": a.batch * len(times) / total,
        "peak_rss_mb": (torch.cuda.max_memory_allocated() / 2**20 if a.device == "gpu"
                        else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }))


if __name__ == "__main__":
    main()
