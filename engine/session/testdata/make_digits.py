#!/usr/bin/env python3
"""Writes digits.csv, the advice battery's unusual set: the first 40 of each
digit from scikit-learn's handwritten digits (the UCI "Optical Recognition
of Handwritten Digits" test set, CC BY 4.0), one per line as the digit and
its 8x8 scan's 64 grey levels (0..16), row by row.

Debian: apt-get install python3-sklearn; then run this from its folder
with Debian's /usr/bin/python3.
"""
from sklearn.datasets import load_digits

PER_CLASS = 40

digits = load_digits()
taken = {d: 0 for d in range(10)}
with open("digits.csv", "w") as out:
    for image, label in zip(digits.data, digits.target):
        if taken[label] == PER_CLASS:
            continue
        taken[label] += 1
        out.write(",".join([str(label)] + [str(int(v)) for v in image]) + "\n")
