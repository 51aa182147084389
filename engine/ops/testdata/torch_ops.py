#!/usr/bin/python3
"""Generate torch_ops.json, the PyTorch reference for package ops' tests.

Run with Debian's python3 (torch 1.13):  /usr/bin/python3 torch_ops.py > torch_ops.json

Every input tensor is filled by a formula the Go test computes too,
    fill(shape, seed, scale)[i] = float32(scale * sin(0.7 * i + seed)),
so only outputs and gradients are stored. Gradients are those of
    loss = sum(out * R),  R[i] = float32(cos(0.3 * i))
(for the scalar cross-entropy, of the loss itself). Batch-norm cases also
store the running statistics after the call.
"""
import json
import math

import torch
import torch.nn.functional as F


def fill(shape, seed, scale=1.0):
    n = math.prod(shape)
    v = [scale * math.sin(0.7 * i + seed) for i in range(n)]
    return torch.tensor(v, dtype=torch.float32).reshape(shape)


def upstream(shape):
    n = math.prod(shape)
    return torch.tensor([math.cos(0.3 * i) for i in range(n)], dtype=torch.float32).reshape(shape)


def flat(t):
    return [float(v) for v in t.detach().flatten().tolist()]


def case(name, inputs, fn, **extra):
    """inputs: list of (name, shape, seed, scale, differentiable)."""
    ts = []
    for (_, shape, seed, scale, diff) in inputs:
        t = fill(shape, seed, scale)
        if diff:
            t.requires_grad_(True)
        ts.append(t)
    out = fn(*ts)
    loss = out if out.dim() == 0 else (out * upstream(out.shape)).sum()
    loss.backward()
    rec = {
        "name": name,
        "inputs": [{"name": n, "shape": list(s), "seed": sd, "scale": sc} for (n, s, sd, sc, _) in inputs],
        "out_shape": list(out.shape),
        "out": flat(out),
        "grads": {n: flat(t.grad) for (n, _, _, _, d), t in zip(inputs, ts) if d},
    }
    rec.update(extra)
    return rec


def conv(stride, pad, dil, groups):
    return lambda x, w, b: F.conv2d(x, w, b, stride, pad, dil, groups)


def batchnorm_case(name, training):
    c = 4
    rm, rv = fill([c], 5.0, 0.5), fill([c], 6.0, 0.3) + 1.0
    rm0, rv0 = flat(rm), flat(rv)

    def fn(x, g, b):
        return F.batch_norm(x, rm, rv, g, b, training=training, momentum=0.1, eps=1e-5)

    rec = case(name, [("x", [3, c, 3, 2], 1.0, 2.0, True), ("gamma", [c], 2.0, 1.0, True),
                      ("beta", [c], 3.0, 1.0, True)], fn,
               running_mean_before=rm0, running_var_before=rv0, training=training)
    rec["running_mean"], rec["running_var"] = flat(rm), flat(rv)  # after the call
    return rec


def main():
    cases = [
        case("conv_3x3_s2_p1_bias", [("x", [2, 3, 7, 6], 0.0, 1.0, True), ("w", [4, 3, 3, 3], 1.0, 0.3, True),
                                     ("b", [4], 2.0, 1.0, True)], conv(2, 1, 1, 1),
             stride=2, pad=1, dilation=1, groups=1),
        case("conv_depthwise_s2", [("x", [2, 4, 6, 5], 0.5, 1.0, True), ("w", [4, 1, 3, 3], 1.5, 0.5, True),
                                   ("b", [4], 2.5, 1.0, True)], conv(2, 1, 1, 4),
             stride=2, pad=1, dilation=1, groups=4),
        case("conv_grouped_dilated", [("x", [1, 4, 7, 7], 0.2, 1.0, True), ("w", [6, 2, 3, 3], 1.2, 0.4, True),
                                      ("b", [6], 2.2, 1.0, True)], conv(1, 2, 2, 2),
             stride=1, pad=2, dilation=2, groups=2),
        case("conv_1x1", [("x", [2, 5, 3, 4], 0.3, 1.0, True), ("w", [3, 5, 1, 1], 1.3, 0.5, True),
                          ("b", [3], 2.3, 1.0, True)], conv(1, 0, 1, 1),
             stride=1, pad=0, dilation=1, groups=1),
        case("maxpool_3x3_s2_ceil", [("x", [2, 3, 7, 7], 0.1, 1.0, True)],
             lambda x: F.max_pool2d(x, 3, 2, 0, ceil_mode=True)),
        case("maxpool_3x3_s2_p1", [("x", [1, 2, 6, 5], 0.4, 1.0, True)],
             lambda x: F.max_pool2d(x, 3, 2, 1)),
        case("avgpool_3x2_s23_p1_ceil", [("x", [1, 2, 5, 7], 0.6, 1.0, True)],
             lambda x: F.avg_pool2d(x, (3, 2), (2, 3), (1, 1), ceil_mode=True)),
        case("adaptive_6x6", [("x", [1, 2, 13, 11], 0.7, 1.0, True)],
             lambda x: F.adaptive_avg_pool2d(x, (6, 6))),
        case("adaptive_1x1", [("x", [2, 3, 5, 5], 0.8, 1.0, True)],
             lambda x: F.adaptive_avg_pool2d(x, (1, 1))),
        batchnorm_case("batchnorm_train", True),
        batchnorm_case("batchnorm_eval", False),
        case("relu", [("x", [2, 3, 4], 0.9, 3.0, True)], F.relu),
        case("relu6", [("x", [2, 3, 4], 0.9, 8.0, True)], F.relu6),
        case("linear", [("x", [3, 5], 1.1, 1.0, True), ("w", [4, 5], 1.2, 0.5, True), ("b", [4], 1.3, 1.0, True)],
             F.linear),
        case("cross_entropy", [("logits", [4, 6], 1.4, 3.0, True)],
             lambda z: F.cross_entropy(z, torch.tensor([0, 5, 2, 2])), labels=[0, 5, 2, 2]),
    ]
    print(json.dumps({"generator": "torch " + torch.__version__, "cases": cases}, separators=(",", ":")))


if __name__ == "__main__":
    main()
