#!/usr/bin/python3
"""Writes engine/predict/imagenet_labels.txt: the 1000 ImageNet-1k class names
in index order, from torchvision 0.14's weight metadata (Debian's
python3-torchvision). Run from the repository root."""
import torchvision

cats = torchvision.models.SqueezeNet1_1_Weights.IMAGENET1K_V1.meta["categories"]
assert len(cats) == 1000
with open("engine/predict/imagenet_labels.txt", "w") as f:
    f.write("\n".join(cats) + "\n")
