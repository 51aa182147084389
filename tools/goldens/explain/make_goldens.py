#!/usr/bin/python3
"""Grad-CAM goldens for engine/explain, made with Debian's python3-torchvision (0.14).

Two networks, each on a few real photos of the shared data
(images/imagenet-samples):

  * squeezenet1_1 with its real ImageNet weights (weights/squeezenet1_1-imagenet.pth),
    Grad-CAM at the output of `features` (features.12, 13x13 at 224);
  * resnet18 with formula weights (the integer hash that
    tools/goldens/models/make_goldens.py and engine/explain/formula_test.go
    compute identically), Grad-CAM at the output of `layer4` (7x7).

Grad-CAM (Selvaraju et al. 2017): with A (C, h, w) the layer's activations and
y the logit of the class (the top one), the weight of channel k is the mean over
the map of dy/dA_k; cam = ReLU(sum_k w_k A_k), divided by its maximum.

Pictures go through torchvision's evaluation preprocessing (PIL,
exif_transpose, RGB, Resize(256), CenterCrop(224), ToTensor, Normalize), the one
engine/imageprep reproduces. Only the maps and the class are committed.

Run from the repository root:
  /usr/bin/python3 tools/goldens/explain/make_goldens.py [SHARED_DATA]
(SHARED_DATA defaults to $TRANSFERLAB_DATA, else ../shared/data.)
"""
import json
import os
import sys
import zlib

import numpy as np
import torch
import torchvision
from PIL import Image, ImageOps
from torchvision import transforms

OUT = os.path.join("engine", "explain", "testdata")
PICTURES = ["cat.bmp", "dog.jpg", "eagle.jpg", "parrot.jpg"]
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


def formula_model(name):
    model = getattr(torchvision.models, name)(weights=None)
    filled = {}
    for k, t in model.state_dict().items():
        filled[k] = t.zero_() if k.endswith("num_batches_tracked") else torch.from_numpy(formula(k, tuple(t.shape)))
    model.load_state_dict(filled)
    return model.eval()


def pretrained_squeezenet(data):
    model = torchvision.models.squeezenet1_1(weights=None)
    model.load_state_dict(torch.load(os.path.join(data, "weights", "squeezenet1_1-imagenet.pth")))
    return model.eval()


def load(path):
    prep = transforms.Compose([
        transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(),
        transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
    ])
    with Image.open(path) as im:
        return prep(ImageOps.exif_transpose(im).convert("RGB")).unsqueeze(0)


def grad_cam(model, layer, x):
    """The top class and its Grad-CAM map at layer's output: (class, (h, w) float32)."""
    seen = {}

    def hook(_module, _inputs, output):
        output.retain_grad()
        seen["a"] = output

    handle = layer.register_forward_hook(hook)
    try:
        logits = model(x)
    finally:
        handle.remove()
    k = int(logits[0].argmax())
    logits[0, k].backward()
    a, g = seen["a"][0].detach(), seen["a"].grad[0]
    w = g.mean(dim=(1, 2))
    cam = torch.relu((w[:, None, None] * a).sum(dim=0))
    return k, (cam / cam.max()).numpy().astype(np.float32)


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("TRANSFERLAB_DATA", os.path.join("..", "shared", "data"))
    os.makedirs(OUT, exist_ok=True)
    cases = [
        ("squeezenet1_1", "imagenet", "features.12", lambda: pretrained_squeezenet(data), lambda m: m.features),
        ("resnet18", "formula", "layer4", lambda: formula_model("resnet18"), lambda m: m.layer4),
    ]
    for name, weights, layer_name, make, layer_of in cases:
        model = make()
        entries = []
        for pic in PICTURES:
            x = load(os.path.join(data, "images", "imagenet-samples", pic))
            k, cam = grad_cam(model, layer_of(model), x)
            entries.append({"picture": pic, "class": k, "cam": [[float(v) for v in row] for row in cam]})
            print(name, pic, "class", k, "map", cam.shape, "mean %.3f" % cam.mean())
        doc = {"network": name, "weights": weights, "layer": layer_name, "pictures": entries}
        with open(os.path.join(OUT, f"gradcam-{name}.json"), "w") as f:
            json.dump(doc, f, indent=0)


if __name__ == "__main__":
    main()
