#!/usr/bin/python3
"""Golden logits for engine/models, made with Debian's python3-torchvision (0.14).

Every state_dict tensor and every input is filled by an integer hash that
engine/models/formula_test.go computes identically, so no checkpoint is
committed: only the logits and each network's state_dict names and shapes.

Run from the repository root:  /usr/bin/python3 tools/goldens/models/make_goldens.py
"""
import json
import os
import zlib

import numpy as np
import torch
import torchvision

OUT = os.path.join("engine", "models", "testdata")

# name -> input shape (N, C, H, W). Small spatial sizes keep the Go tests fast;
# squeezenet uses 72 so that ceil-mode pooling differs from floor mode; the
# "@224" entries check full-size inputs.
CASES = {
    "alexnet": (2, 3, 96, 96),
    "vgg16": (1, 3, 64, 64),
    "resnet18": (2, 3, 64, 64),
    "resnet18@224": (1, 3, 224, 224),
    "resnet50": (1, 3, 64, 64),
    "mobilenet_v2": (2, 3, 64, 64),
    "squeezenet1_1": (2, 3, 72, 72),
}

MASK = 0xFFFFFFFF


def hash_uniform(n, seed):
    """n values in [-1, 1): a murmur3-style finaliser of (i*golden + seed) mod 2^32."""
    h = (np.arange(n, dtype=np.uint64) * np.uint64(0x9E3779B1) + np.uint64(seed)) & np.uint64(MASK)
    h ^= h >> np.uint64(16)
    h = (h * np.uint64(0x85EBCA6B)) & np.uint64(MASK)
    h ^= h >> np.uint64(13)
    h = (h * np.uint64(0xC2B2AE35)) & np.uint64(MASK)
    h ^= h >> np.uint64(16)
    u = (h >> np.uint64(8)).astype(np.float64) / float(1 << 24)
    return 2.0 * u - 1.0


def formula(key, shape):
    n = int(np.prod(shape)) if len(shape) else 1
    v = hash_uniform(n, zlib.crc32(key.encode()))
    if key.endswith("running_var"):
        x = 1.0 + 0.25 * v
    elif key.endswith("running_mean"):
        x = 0.1 * v
    elif key.endswith("bias"):
        x = 0.1 * v
    elif len(shape) == 1:  # BatchNorm gamma
        x = 1.0 + 0.1 * v
    else:  # uniform with Kaiming variance 2/fan_in
        fan_in = n // shape[0]
        x = v * np.sqrt(6.0 / fan_in)
    return x.astype(np.float32).reshape(shape)


def main():
    torch.set_grad_enabled(False)
    for case, shape in CASES.items():
        name = case.split("@")[0]
        model = getattr(torchvision.models, name)(weights=None).eval()
        sd = model.state_dict()
        filled = {}
        for k, t in sd.items():
            if k.endswith("num_batches_tracked"):
                filled[k] = t.zero_()
            else:
                filled[k] = torch.from_numpy(formula(k, tuple(t.shape)))
        model.load_state_dict(filled)
        x = torch.from_numpy(hash_uniform(int(np.prod(shape)), zlib.crc32(b"input")).astype(np.float32).reshape(shape) * 2.0)
        y = model(x).numpy().astype(np.float32)
        np.save(os.path.join(OUT, f"{case}.logits.npy"), y)
        if "@" not in case:
            meta = {
                "network": name,
                "parameters": sum(p.numel() for p in model.parameters()),
                "state_dict": [[k, list(t.shape)] for k, t in sd.items()],
            }
            with open(os.path.join(OUT, f"{name}.json"), "w") as f:
                json.dump(meta, f, indent=0)
        print(case, shape, "->", y.shape, "max|y| = %.4g" % np.abs(y).max())


if __name__ == "__main__":
    main()
