#!/usr/bin/env python3
"""Pair precision and recall of `slant compare`'s sentence alignment on the
BASIL gold (basil-gold.json), reading the texts from ../shared/eval.

A predicted pair is right when its left sentence overlaps the left side and
its right sentence the right side of one gold pair; a gold pair is found when
some predicted pair is right for it (the definition tests/align.rs uses).

    python3 bench/alignment/measure.py [path/to/slant]
"""
import json, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
EVAL = os.path.join(REPO, "..", "shared", "eval", "basil.dev.jsonl")


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def main():
    slant = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "target", "release", "slant")
    records = {}
    with open(EVAL, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            records[r["id"]] = r["text"]
    gold = json.load(open(os.path.join(HERE, "basil-gold.json"), encoding="utf-8"))
    totals = [0, 0, 0, 0]
    with tempfile.TemporaryDirectory() as tmp:
        for case in gold:
            paths = []
            for side in ("left", "right"):
                path = os.path.join(tmp, f"{side}.txt")
                with open(path, "wb") as out:
                    out.write(records[case[side]].encode("utf-8"))
                paths.append(path)
            out = subprocess.run([slant, "compare", *paths, "--format", "json", "--no-config"],
                                 capture_output=True, check=True)
            pairs = json.loads(out.stdout)["alignment"]["pairs"]
            def right(p, g):
                return any(overlaps(p["left"], r) for r in g["left"]) and \
                    any(overlaps(p["right"], r) for r in g["right"])
            good = sum(any(right(p, g) for g in case["pairs"]) for p in pairs)
            found = sum(any(right(p, g) for p in pairs) for g in case["pairs"])
            print(f"{case['event'][:8]}: {good} of {len(pairs)} predicted pairs right, "
                  f"{found} of {len(case['pairs'])} gold pairs found")
            if "-v" in sys.argv:
                for p in pairs:
                    mark = "ok " if any(right(p, g) for g in case["pairs"]) else "BAD"
                    print(f"  {mark} {p['similarity']:.2f} L: {p['left_text'][:90]}\n"
                          f"              R: {p['right_text'][:90]}")
            for i, v in enumerate((good, len(pairs), found, len(case["pairs"]))):
                totals[i] += v
    p = totals[0] / max(totals[1], 1)
    r = totals[2] / max(totals[3], 1)
    print(f"all: precision {p:.3f} ({totals[0]}/{totals[1]}), recall {r:.3f} ({totals[2]}/{totals[3]})")


if __name__ == "__main__":
    main()
