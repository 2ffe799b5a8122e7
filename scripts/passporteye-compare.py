#!/usr/bin/env python3
"""PassportEye on the MRZ photos of a labelled specimen set, for the side-by-side comparison in
docs/benchmarks.md. Needs `pip install passporteye` and Debian's `tesseract-ocr`.

Usage: scripts/passporteye-compare.py DIR [--limit N]

Prints, over the images that carry an MRZ (passport pages, ID-card backs): how many PassportEye
found an MRZ in, how many it read exactly (every line equal to the label) and valid, how many it
called valid but read wrong, and the median and mean seconds per image (one process, one core).
"""
import json
import statistics
import sys
import time

from passporteye import read_mrz


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    folder = sys.argv[1]
    limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else None
    with open(f"{folder}/labels.json") as f:
        labels = [
            e for e in json.load(f)
            if e.get("mrz_lines") and (e["kind"] == "passport" or e["side"] == "back")
        ]
    if limit:
        labels = labels[:limit]
    found = exact = wrong_valid = 0
    seconds = []
    for entry in labels:
        started = time.perf_counter()
        mrz = read_mrz(f"{folder}/{entry['file']}")
        seconds.append(time.perf_counter() - started)
        if mrz is None:
            continue
        found += 1
        lines = [line for line in mrz.aux.get("text", "").split("\n") if line]
        right = lines == entry["mrz_lines"]
        exact += right and mrz.valid
        wrong_valid += (not right) and mrz.valid
    print(json.dumps({
        "images": len(labels),
        "found": found,
        "exact_and_valid": exact,
        "valid_but_wrong": wrong_valid,
        "median_seconds": statistics.median(seconds) if seconds else None,
        "mean_seconds": statistics.mean(seconds) if seconds else None,
    }, indent=1))


if __name__ == "__main__":
    main()
