#!/usr/bin/env python3
"""Degrades a labelled specimen set's clean photos with Pillow and NumPy (not with kyc-specimen),
for measuring the image checks on defects another tool made (docs/accuracy.md). Needs
`pip install pillow numpy`.

Takes the clean camera photos of SOURCE_DIR (no defect, document wholly inside the frame and at
least 700 px wide) and writes one JPEG per photo to OUT_DIR, with a `labels.json` that
`kycd eval image-checks OUT_DIR` reads. The photos take turns at:

- clean: re-encoded at JPEG quality 78-95;
- clean_resized: scaled down to 75-90 % (the document kept at least 650 px wide);
- blur: Gaussian, sigma 2.5-6 px per 1,000 px of document width;
- motion: a straight smear of 10-24 px per 1,000 px of document width, at any angle (it wraps
  round at the frame's edges, over the surface: the document is wholly inside);
- dark: brightness scaled by 0.22-0.38;
- glare: a clipped white spot of radius 7-14 % of the document's width, fading out, on it;
- low_resolution: the whole photo scaled so the document is 300-520 px wide;
- cut_off: the frame cropped straight across 15-35 % of the document's extent, on one side;
- photocopy: greyscale with auto-contrast (1 % of darks and 3 % of lights clipped), contrast
  raised 1.2-1.6 times.

With --scans, every photo is instead cropped and rectified to its document (a scanner app's
crop, 1 % inside or outside the edge), with no defect.
"""
import argparse
import json
import math
import os
import random

import numpy as np
from PIL import Image, ImageEnhance, ImageFilter, ImageOps

KINDS = ["clean", "clean_resized", "blur", "motion", "dark", "glare", "low_resolution",
         "cut_off", "photocopy"]


def document_width(corners):
    return math.dist(corners[0], corners[1])


def clean_photos(folder):
    with open(os.path.join(folder, "labels.json")) as f:
        labels = json.load(f)
    for entry in labels:
        if entry["defects"] or entry["capture"].get("mode") != "photo":
            continue
        corners = entry["document_corners"]
        inside = all(2 <= x <= entry["width"] - 3 and 2 <= y <= entry["height"] - 3
                     for x, y in corners)
        if inside and document_width(corners) >= 700:
            yield entry


def motion_blur(img, length, angle):
    pixels = np.asarray(img).astype(np.float32)
    steps = max(2, int(round(length)))
    total = np.zeros_like(pixels)
    dx, dy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    for i in range(steps):
        t = i - (steps - 1) / 2
        total += np.roll(pixels, (int(round(t * dy)), int(round(t * dx))), axis=(0, 1))
    return Image.fromarray(np.clip(total / steps, 0, 255).astype(np.uint8))


def glare_spot(img, corners, rng):
    pixels = np.asarray(img).astype(np.float32)
    height, width = pixels.shape[:2]
    u, v = rng.uniform(0.2, 0.8), rng.uniform(0.25, 0.75)
    top = [a + u * (b - a) for a, b in zip(corners[0], corners[1])]
    bottom = [a + u * (b - a) for a, b in zip(corners[3], corners[2])]
    cx, cy = (a + v * (b - a) for a, b in zip(top, bottom))
    radius = rng.uniform(0.07, 0.14) * document_width(corners)
    yy, xx = np.mgrid[0:height, 0:width]
    alpha = np.clip(1.6 * np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / radius ** 2), 0, 1)
    pixels = pixels * (1 - alpha[..., None]) + 255 * alpha[..., None]
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def crop_across(img, corners, rng):
    xs = [x for x, _ in corners]
    ys = [y for _, y in corners]
    cut = rng.uniform(0.15, 0.35)
    width, height = img.size
    box = {
        "left": (int(min(xs) + cut * (max(xs) - min(xs))), 0, width, height),
        "right": (0, 0, int(max(xs) - cut * (max(xs) - min(xs))), height),
        "top": (0, int(min(ys) + cut * (max(ys) - min(ys))), width, height),
        "bottom": (0, 0, width, int(max(ys) - cut * (max(ys) - min(ys)))),
    }[rng.choice(["left", "right", "top", "bottom"])]
    return img.crop(box)


def degrade(img, kind, corners, rng):
    """The degraded image and its defect labels."""
    width = document_width(corners)
    scale = max(1.0, width / 1000.0)
    if kind == "clean":
        return img, []
    if kind == "clean_resized":
        factor = max(rng.uniform(0.75, 0.9), 650 / width)
        if factor < 1:
            img = img.resize((int(img.width * factor), int(img.height * factor)), Image.LANCZOS)
        return img, []
    if kind == "blur":
        return img.filter(ImageFilter.GaussianBlur(rng.uniform(2.5, 6.0) * scale)), ["blur"]
    if kind == "motion":
        return motion_blur(img, rng.uniform(10, 24) * scale, rng.uniform(0, 180)), ["motion"]
    if kind == "dark":
        return ImageEnhance.Brightness(img).enhance(rng.uniform(0.22, 0.38)), ["dark"]
    if kind == "glare":
        return glare_spot(img, corners, rng), ["glare"]
    if kind == "low_resolution":
        factor = rng.uniform(300, 520) / width
        size = (max(1, int(img.width * factor)), max(1, int(img.height * factor)))
        return img.resize(size, Image.BILINEAR), ["low_resolution"]
    if kind == "cut_off":
        return crop_across(img, corners, rng), ["cut_off"]
    grey = ImageOps.autocontrast(ImageOps.grayscale(img), cutoff=(1, 3))
    return ImageEnhance.Contrast(grey).enhance(rng.uniform(1.2, 1.6)).convert("RGB"), ["photocopy"]


def scan(img, entry, rng):
    corners = entry["document_corners"]
    ratio = 1.42 if entry["kind"] == "passport" else 1.585
    width = int(round(document_width(corners)))
    margin = rng.uniform(-0.01, 0.01)
    cx = sum(x for x, _ in corners) / 4
    cy = sum(y for _, y in corners) / 4
    q = [(cx + (x - cx) * (1 + margin), cy + (y - cy) * (1 + margin)) for x, y in corners]
    quad = [*q[0], *q[3], *q[2], *q[1]]
    return img.transform((width, int(round(width / ratio))), Image.QUAD, quad, Image.BICUBIC)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("source")
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scans", action="store_true")
    args = parser.parse_args()
    source, out, seed, scans = args.source, args.out, args.seed, args.scans
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    labels = []
    for index, entry in enumerate(clean_photos(source)):
        img = Image.open(os.path.join(source, entry["file"])).convert("RGB")
        stem = os.path.splitext(entry["file"])[0]
        if scans:
            kind, result, defects = "scan", scan(img, entry, rng), []
        else:
            kind = KINDS[index % len(KINDS)]
            result, defects = degrade(img, kind, entry["document_corners"], rng)
        name = f"{stem}-{kind}.jpg"
        result.save(os.path.join(out, name), "JPEG", quality=rng.randint(78, 95))
        labels.append({"file": name, "defects": [{"name": d} for d in defects]})
    with open(os.path.join(out, "labels.json"), "w") as f:
        json.dump(labels, f, indent=1)
    print(f"wrote {len(labels)} images and labels.json to {out}")


if __name__ == "__main__":
    main()
