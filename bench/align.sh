#!/usr/bin/env bash
# Sentence alignment speed (issue #13: two 2,000-word articles in under
# 50 ms on one core). Builds articles of about 2,000 words from the BBC
# sample in ../shared/bench (not part of the repository) and times
# `slant::align::align` alone with examples/align_bench.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
news=../shared/bench/news.jsonl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$news" "$tmp" <<'PY'
import json, sys
news, out = sys.argv[1], sys.argv[2]
by_cat = {}
for line in open(news, encoding="utf-8"):
    r = json.loads(line)
    by_cat.setdefault(r["id"].split("-")[1], []).append(r["title"] + "\n\n" + r["text"])
def build(texts, words=2000):
    parts, n = [], 0
    for t in texts:
        if n >= words:
            break
        parts.append(t)
        n += len(t.split())
    return "\n\n".join(parts)
# One topic on both sides (many shared words: the costly case), and two topics.
open(f"{out}/business-a.txt", "w").write(build(by_cat["business"][0::2]))
open(f"{out}/business-b.txt", "w").write(build(by_cat["business"][1::2]))
open(f"{out}/sport.txt", "w").write(build(by_cat["sport"]))
PY
cargo build -q --release --example align_bench
bin=target/release/examples/align_bench
$bin "$tmp/business-a.txt" "$tmp/business-b.txt" 50
$bin "$tmp/business-a.txt" "$tmp/business-a.txt" 50
$bin "$tmp/business-a.txt" "$tmp/sport.txt" 50
