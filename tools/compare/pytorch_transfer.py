#!/usr/bin/python3
"""The four transfer-learning cases in PyTorch (Debian's python3-torchvision),
with the same split and recipe as `transferlab train`, so the two can be
compared on the same machine:

    /usr/bin/python3 tools/compare/pytorch_transfer.py --case 1 \
        --data ../shared/data/datasets/hymenoptera \
        --weights ../shared/data/weights/squeezenet1_1-imagenet.pth

Recipe (engine/train): cases 1-2 cache pooled backbone features (case 2 cuts
squeezenet after features.8), standardise them with the training set's
statistics and train a zero-initialised Linear head with full-batch Adam (lr
1e-3, up to 300 epochs, patience 10); cases 3-4 train backbone + pooled Linear
head with SGD momentum 0.9 (head lr 1e-3, pretrained backbone lr 1e-4 in case
3), batch 16 with the last short batch dropped, RandomResizedCrop(224,
scale=(0.25, 1)) and horizontal flips, up to 15 epochs, patience 5. All keep
the epoch with the lowest validation loss and report it.
Prints one JSON document.
"""
import argparse
import copy
import json
import os
import time

import torch
import torch.nn as nn
import torchvision
from torchvision import datasets, transforms

CUTS = {"squeezenet1_1": 9}  # features[:9], i.e. up to features.8
MEAN, STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]


def loaders(data, val_fraction, seed):
    plain = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(), transforms.Normalize(MEAN, STD)])
    aug = transforms.Compose([transforms.RandomResizedCrop(224, scale=(0.25, 1.0)), transforms.RandomHorizontalFlip(),
                              transforms.ToTensor(), transforms.Normalize(MEAN, STD)])
    tr, va = os.path.join(data, "train"), os.path.join(data, "val")
    if not os.path.isdir(tr):
        raise SystemExit("this script needs a train/ and val/ split")
    return (datasets.ImageFolder(tr, plain), datasets.ImageFolder(tr, aug), datasets.ImageFolder(va, plain))


class Backbone(nn.Module):
    def __init__(self, model, upto):
        super().__init__()
        self.features = model.features[:upto] if hasattr(model, "features") else model
        self.pool = nn.AdaptiveAvgPool2d(1)

    def forward(self, x):
        return torch.flatten(self.pool(self.features(x)), 1)


def fit(step, evaluate, epochs, patience, model_state):
    best, best_loss, history, since = None, float("inf"), [], 0
    for epoch in range(1, epochs + 1):
        t0 = time.time()
        tl, ta = step()
        vl, va = evaluate()
        history.append(dict(epoch=epoch, train_loss=tl, train_accuracy=ta, val_loss=vl, val_accuracy=va, seconds=time.time() - t0))
        print(json.dumps(history[-1]), flush=True, file=os.sys.stderr)
        if vl < best_loss:
            best_loss, best, since = vl, (epoch, copy.deepcopy(model_state())), 0
        else:
            since += 1
            if since >= patience:
                break
    return best, history


def run_head(args, model, upto, train_ds, val_ds):
    bb = Backbone(model, upto).eval()
    t0 = time.time()
    with torch.no_grad():
        def feats(ds):
            dl = torch.utils.data.DataLoader(ds, batch_size=16)
            xs, ys = zip(*[(bb(x), y) for x, y in dl])
            return torch.cat(xs), torch.cat(ys)
        xtr, ytr = feats(train_ds)
        xva, yva = feats(val_ds)
    backbone_seconds = time.time() - t0
    # Standardise with the training set's statistics; zero-initialised head;
    # full-batch Adam: deterministic, like engine/train's head learner.
    mu, sd = xtr.mean(0), xtr.std(0)
    sd[sd < 1e-6] = 1
    xtr, xva = (xtr - mu) / sd, (xva - mu) / sd
    head = nn.Linear(xtr.shape[1], len(train_ds.classes))
    nn.init.zeros_(head.weight)
    nn.init.zeros_(head.bias)
    opt = torch.optim.Adam(head.parameters(), lr=1e-3)
    lossf = nn.CrossEntropyLoss()

    def step():
        out = head(xtr)
        loss = lossf(out, ytr)
        opt.zero_grad(); loss.backward(); opt.step()
        return loss.item(), (out.argmax(1) == ytr).float().mean().item()

    def evaluate():
        with torch.no_grad():
            out = head(xva)
            return lossf(out, yva).item(), (out.argmax(1) == yva).float().mean().item()

    (best_epoch, state), history = fit(step, evaluate, args.epochs or 300, 10, head.state_dict)
    head.load_state_dict(state)
    return best_epoch, history, evaluate(), backbone_seconds


def run_full(args, model, train_ds, val_ds, pretrained):
    feats = nn.Sequential(model.features, nn.AdaptiveAvgPool2d(1), nn.Flatten())
    head = nn.Linear(512, len(train_ds.classes))
    net = nn.Sequential(feats, head)
    lr = args.lr
    opt = torch.optim.SGD([{"params": feats.parameters(), "lr": lr * (0.1 if pretrained else 1)},
                           {"params": head.parameters(), "lr": lr}], lr=lr, momentum=0.9)
    lossf = nn.CrossEntropyLoss()
    g = torch.Generator().manual_seed(args.seed)
    tl = torch.utils.data.DataLoader(train_ds, batch_size=16, shuffle=True, drop_last=True, generator=g)
    vl = torch.utils.data.DataLoader(val_ds, batch_size=16)

    def step():
        net.train()
        tot, correct, n = 0.0, 0, 0
        for x, y in tl:
            out = net(x)
            loss = lossf(out, y)
            opt.zero_grad(); loss.backward(); opt.step()
            tot += loss.item() * len(y); correct += (out.argmax(1) == y).sum().item(); n += len(y)
        return tot / n, correct / n

    def evaluate():
        net.eval()
        tot, correct, n = 0.0, 0, 0
        with torch.no_grad():
            for x, y in vl:
                out = net(x)
                tot += lossf(out, y).item() * len(y); correct += (out.argmax(1) == y).sum().item(); n += len(y)
        return tot / n, correct / n

    (best_epoch, state), history = fit(step, evaluate, args.epochs or 15, 5, net.state_dict)
    net.load_state_dict(state)
    return best_epoch, history, evaluate(), 0.0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--case", type=int, required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--weights", required=True)
    p.add_argument("--model", default="squeezenet1_1")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--epochs", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--lr", type=float, default=1e-3)
    args = p.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    model = getattr(torchvision.models, args.model)(weights=None)
    if args.case != 4:
        model.load_state_dict(torch.load(args.weights))
    plain_train, aug_train, val = loaders(args.data, 0.2, args.seed)
    t0 = time.time()
    if args.case in (1, 2):
        upto = None if args.case == 1 else CUTS[args.model]
        best_epoch, history, (vloss, vacc), bbs = run_head(args, model, upto, plain_train, val)
    else:
        best_epoch, history, (vloss, vacc), bbs = run_full(args, model, aug_train, val, args.case == 3)
    print(json.dumps(dict(framework="pytorch " + torch.__version__, network=args.model, case=args.case,
                          best_epoch=best_epoch, val_accuracy=vacc, val_loss=vloss, epochs=history,
                          backbone_seconds=bbs, seconds=time.time() - t0), indent=1))


if __name__ == "__main__":
    main()
