#!/usr/bin/python3
"""Regenerates the small .pth fixtures in this folder (run from anywhere).

Uses Debian's torch 1.13 / torchvision 0.14: /usr/bin/python3 gen_fixtures.py
The Go tests recompute every expected value from the same formulas, so this
script documents where the files come from; CI never runs it.
"""
import collections
import io
import os
import pickle
import sys

import torch
import torch.nn as nn
import torchvision

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


def save(obj, name, legacy=False):
    torch.save(obj, path(name), _use_new_zipfile_serialization=not legacy)


def views():
    """Tensors that are views, shared storages and every dtype we convert."""
    sd = collections.OrderedDict()
    sd["a.contig"] = torch.arange(24, dtype=torch.float32).reshape(2, 3, 4) * 0.5
    sd["b.transposed"] = torch.arange(12, dtype=torch.float32).reshape(3, 4).t()
    base = torch.arange(20, dtype=torch.float32)
    sd["c.base"] = base
    sd["c.offset"] = base[5:11].reshape(2, 3)
    sd["d.half"] = torch.tensor([1.5, -2.25, 65504.0, 2.0 ** -20], dtype=torch.float16)
    sd["e.double"] = torch.tensor([[1.0 / 3.0, 2.5]], dtype=torch.float64)
    sd["f.num_batches_tracked"] = torch.tensor(7, dtype=torch.long)
    sd["g.int32"] = torch.tensor([-3, 4], dtype=torch.int32)
    sd["h.uint8"] = torch.tensor([0, 255], dtype=torch.uint8)
    sd["i.bf16"] = torch.tensor([1.0, -0.5], dtype=torch.bfloat16)
    sd["j.bool"] = torch.tensor([True, False])
    sd["k.expanded"] = torch.tensor([1.0, 2.0, 3.0]).expand(2, 3)
    sd["l.empty"] = torch.zeros(0, 3)
    sd["m.int8"] = torch.tensor([-128, 127], dtype=torch.int8)
    sd["n.int16"] = torch.tensor([-300, 300], dtype=torch.int16)
    return sd


class _V1Pickler(pickle.Pickler):
    """Pickles tensors the way PyTorch <= 0.3 did: torch._utils._rebuild_tensor
    (storage, offset, size, stride), which files from 2017-era releases may use."""

    def reducer_override(self, obj):
        if isinstance(obj, torch.Tensor):
            return (torch._utils._rebuild_tensor,
                    (obj.storage(), obj.storage_offset(), tuple(obj.size()), obj.stride()))
        return NotImplemented


class _V1Module:
    Pickler = _V1Pickler
    Unpickler = pickle.Unpickler
    load = pickle.load
    dump = pickle.dump


def old_style():
    sd = collections.OrderedDict()
    sd["w"] = torch.arange(6, dtype=torch.float32).reshape(2, 3).t()
    sd["b"] = torch.tensor([0.25, -4.0])
    torch.save(sd, path("oldstyle-legacy.pth"), pickle_module=_V1Module,
               _use_new_zipfile_serialization=False)


def checkpoints():
    inner = collections.OrderedDict()
    inner["module.fc.weight"] = torch.arange(6, dtype=torch.float32).reshape(2, 3) / 4
    inner["module.fc.bias"] = torch.tensor([1.0, -1.0])
    save({"epoch": 3, "state_dict": inner, "best_acc": 0.5}, "checkpoint.pth")

    lin = nn.Linear(3, 2)
    with torch.no_grad():
        lin.weight.copy_(torch.arange(6, dtype=torch.float32).reshape(2, 3))
        lin.bias.copy_(torch.tensor([0.5, 1.5]))
    save({"model": lin.state_dict(keep_vars=True), "epoch": 1}, "model-key-legacy.pth", legacy=True)

    save({"epoch": 3, "lr": 0.1}, "notensors.pth")
    save(collections.OrderedDict([("w", torch.ones(2)), ("step", 3)]), "mixed.pth")
    save(nn.Linear(2, 2), "module.pth")
    save({"model": nn.Linear(2, 2), "epoch": 1}, "model-object.pth")
    torch.jit.save(torch.jit.script(nn.Linear(2, 2)), path("torchscript.pt"))
    with open(path("plain.pkl"), "wb") as f:
        pickle.dump({"a": 1}, f, protocol=2)


def unsupported():
    sd = collections.OrderedDict()
    sd["ok"] = torch.tensor([1.0, 2.0])
    sd["z"] = torch.tensor([1 + 2j, 3 - 1j], dtype=torch.complex64)
    sd["after"] = torch.tensor([5.0])
    save(sd, "complex.pth")
    save(sd, "complex-legacy.pth", legacy=True)


def key_lists():
    """name<TAB>shape lines of torchvision's own state_dicts, for Check tests."""
    for name, ctor in [("squeezenet1_1", torchvision.models.squeezenet1_1),
                       ("resnet18", torchvision.models.resnet18)]:
        sd = ctor().state_dict()
        with open(path(name + "-keys.tsv"), "w") as f:
            for k, v in sd.items():
                f.write("%s\t%s\n" % (k, ",".join(str(d) for d in v.shape)))


def squeezenet_sums():
    """Per-tensor sums of the shared real weights, computed by PyTorch, so the
    Go loader is checked against PyTorch's own reading of the file."""
    data = os.environ.get("TRANSFERLAB_DATA") or os.path.join(HERE, "../../../../shared/data")
    sd = torch.load(os.path.join(data, "weights/squeezenet1_1-imagenet.pth"))
    with open(path("squeezenet1_1-sums.tsv"), "w") as f:
        for k, v in sd.items():
            v = v.double().flatten()
            f.write("%s\t%.10g\t%.10g\t%.9g\t%.9g\n" % (k, v.sum().item(), v.abs().sum().item(), v[0].item(), v[-1].item()))


if __name__ == "__main__":
    torch.manual_seed(0)
    save(views(), "views.pth")
    save(views(), "views-legacy.pth", legacy=True)
    old_style()
    checkpoints()
    unsupported()
    key_lists()
    squeezenet_sums()
    print("ok", file=sys.stderr)
