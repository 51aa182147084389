#!/usr/bin/python3
"""Golden files for engine/imageprep, made with PIL 9.4 and torchvision 0.14.

Run with Debian's Python (it has torch/torchvision/PIL):

    /usr/bin/python3 tools/goldens/imageprep/make_goldens.py

It rewrites engine/imageprep/testdata/ from scratch, deterministically:

  images/   small test images in every supported format, generated here
            (gradients, shapes, seeded noise);
  pixels/   what PIL decodes them to: Image.open -> exif_transpose ->
            convert("RGB"), saved as lossless PNG;
  resized/  PIL's Image.resize(size, BILINEAR) of a noise image, for the
            resampler alone;
  tensors/  torchvision's Compose([Resize(r), CenterCrop(c), ToTensor(),
            Normalize(ImageNet mean/std)]) output, float32 (3, c, c) .npy;
  crops/    for the full Resize(256)/CenterCrop(224) cases, the 224x224
            8-bit crop that ToTensor received (PNG, a quarter of the size of
            the float tensor) plus a strided sample of torchvision's float32
            tensor; this script checks that the sample equals
            (crop/255 - mean)/std computed in float32, so the crop PNG
            determines the expected tensor bit for bit;
  goldens.json  the manifest the Go tests read.

Two shared photos (dog.jpg, cat.bmp in ../shared/data) are read, never
copied: only their expected crops are written.

Where our Go code deliberately differs from PIL, the expected values follow
our choice and say so in the manifest's "note":
  * 16-bit grayscale: PIL clips "I;16" to 255 in convert("RGB"); we take the
    high byte (as PIL itself does for 16-bit RGB PNGs).
"""

import io
import json
import os
import shutil
import struct
import sys
import zlib

import numpy as np
import torch
import torchvision
import PIL
from PIL import Image, ImageDraw, ImageOps
from torchvision import transforms as T

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
OUT = os.path.join(ROOT, "engine", "imageprep", "testdata")
SHARED = os.environ.get("TRANSFERLAB_DATA") or os.path.join(ROOT, "..", "shared", "data")
MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)
SMALL = (20, 16)  # Resize, CenterCrop for the per-format tensor goldens
FULL = (256, 224)
SAMPLE_STRIDE = 97


def scene(w, h, seed, noise=2):
    """Gradients, a few shapes and mild seeded noise: smooth enough to
    compress, busy enough to exercise chroma edges and resampling."""
    rng = np.random.RandomState(seed)
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    img = np.stack([
        255 * x / max(w - 1, 1),
        255 * y / max(h - 1, 1),
        127.5 + 127.5 * np.sin((x + 2 * y) / 7.0),
    ], -1)
    im = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")
    d = ImageDraw.Draw(im)
    d.ellipse([w * 0.15, h * 0.2, w * 0.55, h * 0.75], fill=(230, 40, 30))
    d.rectangle([w * 0.6, h * 0.1, w * 0.9, h * 0.5], fill=(20, 60, 220))
    d.line([0, h - 1, w - 1, 0], fill=(250, 250, 60), width=max(1, w // 30))
    arr = np.asarray(im).astype(np.int16) + rng.randint(-noise, noise + 1, (h, w, 3))
    return np.clip(arr, 0, 255).astype(np.uint8)


def png16(path, arr):
    """Writes a 16-bit PNG (gray, RGB or RGBA by channel count); PIL cannot
    write 16-bit RGB."""
    if arr.ndim == 2:
        arr = arr[:, :, None]
    h, w, c = arr.shape
    color_type = {1: 0, 2: 4, 3: 2, 4: 6}[c]
    raw = b"".join(b"\x00" + arr[y].astype(">u2").tobytes() for y in range(h))

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)

    data = (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, color_type, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
    with open(path, "wb") as f:
        f.write(data)


def gif_on_larger_screen(im, screen, offset, **kw):
    """Saves im as a GIF, then declares a larger logical screen and moves the
    frame to offset: PIL shows the frame on the screen, the rest filled with
    the transparent index (or index 0)."""
    b = io.BytesIO()
    im.save(b, "GIF", **kw)
    d = bytearray(b.getvalue())
    d[6:10] = struct.pack("<HH", *screen)
    i = 13
    if d[10] & 0x80:
        i += 3 << ((d[10] & 7) + 1)
    while d[i] != 0x2C:  # skip extensions up to the image descriptor
        assert d[i] == 0x21
        j = i + 2
        while d[j]:
            j += 1 + d[j]
        i = j + 1
    d[i + 1:i + 5] = struct.pack("<HH", *offset)
    return bytes(d)


def exif_bytes(orientation):
    e = Image.Exif()
    e[274] = orientation
    return e.tobytes()


def pil_rgb(path):
    """What a PIL-based loader sees: EXIF orientation applied once, then RGB.

    Pillow 9.4's TIFF loader already applies the Orientation tag in load(),
    and ImageOps.exif_transpose then rotates a second time (a Pillow bug), so
    TIFFs are only loaded: that is also what torchvision's plain loader gets."""
    with Image.open(path) as im:
        if im.format == "TIFF":
            im.load()
            return im.convert("RGB")
        return ImageOps.exif_transpose(im).convert("RGB")


def torchvision_tensor(img, resize, crop):
    t = T.Compose([T.Resize(resize), T.CenterCrop(crop), T.ToTensor(), T.Normalize(MEAN, STD)])
    return t(img).numpy().astype(np.float32)


def torchvision_crop(img, resize, crop):
    """The 8-bit image torchvision's ToTensor receives."""
    return T.Compose([T.Resize(resize), T.CenterCrop(crop)])(img)


def normalized(crop_u8):
    """ToTensor + Normalize in float32, as PyTorch computes them."""
    x = np.asarray(crop_u8).transpose(2, 0, 1).astype(np.float32) / np.float32(255)
    m = np.array(MEAN, np.float32)[:, None, None]
    s = np.array(STD, np.float32)[:, None, None]
    return (x - m) / s


def make_images(d):
    """Writes the test images; returns {name: (file, expected RGB array or
    None to take PIL's decode, note)}."""
    cases = {}

    def save(name, im, **kw):
        im.save(os.path.join(d, name), **kw)
        cases[name] = (None, "")

    base = scene(49, 37, 1)  # odd size: exercises chroma edge handling
    rgb = Image.fromarray(base)
    save("rgb420.jpg", rgb, quality=90, subsampling=2)
    save("rgb422.jpg", rgb, quality=90, subsampling=1)
    save("rgb444.jpg", rgb, quality=90, subsampling=0)
    even = Image.fromarray(scene(64, 48, 2))
    save("rgb420_even.jpg", even, quality=85, subsampling=2)
    save("gray.jpg", even.convert("L"), quality=90)
    save("cmyk.jpg", even.convert("CMYK"), quality=92)
    save("exif6.jpg", Image.fromarray(scene(72, 40, 3)), quality=90, exif=exif_bytes(6))

    save("rgb.png", even)
    rgba = np.dstack([scene(64, 48, 4), np.tile(np.linspace(0, 255, 64).astype(np.uint8), (48, 1))])
    save("rgba.png", Image.fromarray(rgba, "RGBA"))  # alpha 0 column keeps its colours
    save("gray.png", even.convert("L"))
    save("la.png", Image.fromarray(rgba[:, :, [0, 3]], "LA"))
    pal = even.quantize(colors=48, dither=Image.Dither.NONE)
    save("palette.png", pal, transparency=5)
    save("palette.gif", pal, transparency=7)
    small_pal = pal.crop((10, 10, 34, 26))
    for name, kw in [("offset.gif", {}), ("offset_transparent.gif", {"transparency": 7})]:
        with open(os.path.join(d, name), "wb") as f:
            f.write(gif_on_larger_screen(small_pal, (40, 30), (9, 5), **kw))
        cases[name] = (None, "first frame placed on a larger logical screen")

    rng = np.random.RandomState(5)
    g16 = (np.linspace(0, 65535, 64)[None, :] * np.linspace(0.2, 1, 48)[:, None]).astype(np.uint16)
    g16 = g16 ^ rng.randint(0, 256, g16.shape).astype(np.uint16)  # low-byte noise the high byte ignores
    png16(os.path.join(d, "gray16.png"), g16)
    cases["gray16.png"] = (np.dstack([g16 >> 8] * 3).astype(np.uint8),
                           "expected = high byte; PIL 9.4 convert('RGB') clips I;16 to 255")
    rgb16 = scene(64, 48, 6).astype(np.uint16) * 257 ^ rng.randint(0, 256, (48, 64, 3)).astype(np.uint16)
    png16(os.path.join(d, "rgb16.png"), rgb16)
    cases["rgb16.png"] = (None, "PIL reads 16-bit RGB as the high byte")
    rgba16 = np.dstack([rgb16, (g16 | 1)])
    png16(os.path.join(d, "rgba16.png"), rgba16)
    cases["rgba16.png"] = (None, "")

    save("rgb.bmp", even)
    save("pal8.bmp", pal)
    save("lossy.webp", rgb, quality=80)
    save("lossy_even.webp", even, quality=80)
    save("lossless.webp", even, lossless=True)
    save("alpha.webp", Image.fromarray(rgba, "RGBA"), quality=80)
    save("rgb.tif", even, compression="tiff_lzw")
    save("rgba.tif", Image.fromarray(rgba, "RGBA"))

    # Every EXIF orientation, on lossless PNG so the check is exact; plus
    # one each in WebP and TIFF containers.
    small = Image.fromarray(scene(24, 16, 7, noise=30))
    for o in range(1, 9):
        save(f"orient{o}.png", small, exif=exif_bytes(o))
    save("orient6.webp", small, lossless=True, exif=exif_bytes(6))
    save("orient8.tif", small, tiffinfo={274: 8})

    save("small.png", Image.fromarray(scene(100, 80, 8)))
    save("large.png", Image.fromarray(scene(640, 427, 9, noise=0)), optimize=True)
    return cases


def main():
    if not sys.executable.startswith("/usr/bin/"):
        print("warning: run with /usr/bin/python3 (Debian's torch/torchvision)", file=sys.stderr)
    assert PIL.__version__.startswith("9.4"), PIL.__version__
    assert torchvision.__version__.startswith("0.14"), torchvision.__version__
    torch.set_num_threads(1)

    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    dirs = {k: os.path.join(OUT, k) for k in ("images", "pixels", "tensors", "crops", "resized")}
    for p in dirs.values():
        os.makedirs(p)

    cases = make_images(dirs["images"])
    manifest = {
        "generator": "tools/goldens/imageprep/make_goldens.py",
        "pil": PIL.__version__, "torchvision": torchvision.__version__,
        "mean": MEAN, "std": STD,
        "decode": [], "transform": [], "resize": [],
    }

    # Decoded pixels, and the small-transform tensor of each image.
    for name in sorted(cases):
        override, note = cases[name]
        path = os.path.join(dirs["images"], name)
        if override is not None:
            img = Image.fromarray(override, "RGB")
        else:
            img = pil_rgb(path)
        stem = name.replace(".", "_")
        if name in ("small.png", "large.png"):
            continue  # covered by the full ImageNet cases below; their pixels are large
        img.save(os.path.join(dirs["pixels"], stem + ".png"))
        manifest["decode"].append({"image": "images/" + name, "pixels": "pixels/" + stem + ".png", "note": note})
        if name.startswith("orient"):
            continue
        t = torchvision_tensor(img, *SMALL)
        np.save(os.path.join(dirs["tensors"], stem + ".npy"), t)
        manifest["transform"].append({"name": name, "image": "images/" + name, "resize": SMALL[0], "crop": SMALL[1],
                                      "tensor": "tensors/" + stem + ".npy", "note": note})

    # Padding: the resized image is smaller than the crop on one or both axes,
    # and a crop offset that needs round-half-even ((37-32)/2 = 2.5 -> 2).
    for name, (r, c) in [("small.png", (24, 32)), ("rgb.png", (28, 32)), ("lossless.webp", (12, 20)),
                         ("rgb420.jpg", (28, 32))]:
        img = pil_rgb(os.path.join(dirs["images"], name))
        stem = f"{name.replace('.', '_')}_r{r}_c{c}"
        np.save(os.path.join(dirs["tensors"], stem + ".npy"), torchvision_tensor(img, r, c))
        manifest["transform"].append({"name": f"{name} Resize({r}) CenterCrop({c})", "image": "images/" + name,
                                      "resize": r, "crop": c, "tensor": "tensors/" + stem + ".npy", "note": ""})

    # Full ImageNet preprocessing: stored as the 8-bit crop + tensor sample.
    full = [("small.png", "images/small.png", os.path.join(dirs["images"], "small.png")),
            ("large.png", "images/large.png", os.path.join(dirs["images"], "large.png"))]
    for photo in ("dog.jpg", "cat.bmp"):
        rel = "images/imagenet-samples/" + photo
        full.append((photo, "shared:" + rel, os.path.join(SHARED, rel)))
    for name, ref, path in full:
        img = pil_rgb(path)
        crop = torchvision_crop(img, *FULL)
        t = torchvision_tensor(img, *FULL)
        assert np.array_equal(normalized(crop), t), name  # the crop determines the tensor bit for bit
        stem = "full_" + name.replace(".", "_")
        crop.save(os.path.join(dirs["crops"], stem + ".png"))
        np.save(os.path.join(dirs["crops"], stem + ".sample.npy"), t.reshape(-1)[::SAMPLE_STRIDE].copy())
        manifest["transform"].append({
            "name": name + " ImageNet", "image": ref, "resize": FULL[0], "crop": FULL[1],
            "crop_png": "crops/" + stem + ".png", "sample": "crops/" + stem + ".sample.npy",
            "sample_stride": SAMPLE_STRIDE, "source_size": list(img.size), "note": ""})

    # The resampler alone: downscale (several factors), upscale, one axis only.
    src = Image.fromarray(np.random.RandomState(11).randint(0, 256, (47, 61, 3)).astype(np.uint8))
    src.save(os.path.join(dirs["resized"], "source.png"))
    for w, h in [(30, 23), (13, 9), (7, 20), (61, 20), (25, 47), (90, 70), (61, 47), (1, 1), (200, 3)]:
        out = src.resize((w, h), Image.Resampling.BILINEAR)
        fn = f"resized/{w}x{h}.png"
        out.save(os.path.join(OUT, fn))
        manifest["resize"].append({"source": "resized/source.png", "width": w, "height": h, "expected": fn})

    with open(os.path.join(OUT, "goldens.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    total = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(OUT) for f in fs)
    print(f"wrote {OUT}: {total / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
