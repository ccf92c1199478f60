#!/usr/bin/env python3
"""Print the hand-made BASIL alignment gold side by side, for review.

The article texts are not in this repository (BASIL states no licence); they are
read from ../shared/eval/basil.dev.jsonl next to the repository, or from the path
given with --data. Gold ranges are UTF-8 byte offsets into each record's `text`.

    python3 bench/alignment/show.py            # all events
    python3 bench/alignment/show.py 2153fb3e   # events whose uuid starts so
    python3 bench/alignment/show.py --only     # also list each side's unpaired sentences
"""
import argparse, json, os, signal, sys, textwrap

signal.signal(signal.SIGPIPE, signal.SIG_DFL)

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_DATA = os.path.join(REPO, "..", "shared", "eval", "basil.dev.jsonl")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("events", nargs="*", help="event uuid prefixes (default: all)")
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--gold", default=os.path.join(HERE, "basil-gold.json"))
    ap.add_argument("--only", action="store_true", help="print unpaired sentences too")
    ap.add_argument("--width", type=int, default=70, help="column width")
    a = ap.parse_args()

    recs = {}
    with open(a.data, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            recs[r["id"]] = r
    gold = json.load(open(a.gold, encoding="utf-8"))
    problems = 0
    for g in gold:
        if a.events and not any(g["event"].startswith(p) for p in a.events):
            continue
        texts = {}
        for side in ("left", "right"):
            rec = recs[g[side]]
            b = rec["text"].encode("utf-8")
            texts[side] = b
            # the byte ranges must be the record's title + sentence spans, converted
            t = rec["text"]
            expect = [[len(t[:s].encode()), len(t[:e].encode())]
                      for s, e in [rec["title_span"]] + rec["sentence_spans"]]
            if expect != g[side + "_sentences"]:
                print(f"!! {g[side]}: {side}_sentences differ from the record's spans")
                problems += 1
        idx = {side: {tuple(r): i for i, r in enumerate(g[side + "_sentences"])}
               for side in ("left", "right")}
        print("=" * (2 * a.width + 3))
        print(f"{g['event']}  {recs[g['left']].get('event_title', '')}")
        print(f"left  {g['left']}  ({len(g['left_sentences'])} sentences, 0 = title)")
        print(f"right {g['right']}  ({len(g['right_sentences'])} sentences)")
        used = {"left": set(), "right": set()}
        for n, p in enumerate(g["pairs"], 1):
            print("-" * (2 * a.width + 3))
            print(f"pair {n}: {p['note']}")
            cols = {}
            for side in ("left", "right"):
                lines = []
                for s, e in p[side]:
                    i = idx[side].get((s, e))
                    if i is None:
                        print(f"!! {side} range {s}-{e} is not one of the sentences")
                        problems += 1
                    used[side].add(i)
                    sent = texts[side][s:e].decode("utf-8").strip()
                    lines += textwrap.wrap(f"[{i}] {sent}", a.width) or [""]
                cols[side] = lines
            for k in range(max(len(cols["left"]), len(cols["right"]))):
                l = cols["left"][k] if k < len(cols["left"]) else ""
                r = cols["right"][k] if k < len(cols["right"]) else ""
                print(f"{l:<{a.width}} | {r}")
        for side in ("left", "right"):
            only = [i for i in range(len(g[side + "_sentences"])) if i not in used[side]]
            print(f"{side} only: {len(only)} sentences {only}")
            if a.only:
                for i in only:
                    s, e = g[side + "_sentences"][i]
                    sent = texts[side][s:e].decode("utf-8").strip()
                    print(textwrap.fill(f"  [{i}] {sent}", 2 * a.width, subsequent_indent="      "))
    if problems:
        print(f"{problems} problem(s)")
        sys.exit(1)


if __name__ == "__main__":
    main()
