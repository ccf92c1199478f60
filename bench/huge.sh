#!/usr/bin/env bash
# Streams a 1 GB JSON Lines file through slant and reports peak memory.
# Usage: bench/huge.sh   (reads ../shared/bench/news.jsonl, writes target/bench/huge.jsonl)
# The file holds the news corpus repeated to 1 GB, plus one 20 MiB article
# that must be reported and skipped (over the 16 MiB default limit).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/time ]; then
    apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi
shared="${SLANT_BENCH_DATA:-../shared/bench}"
mkdir -p target/bench
out=target/bench/huge.jsonl
if [ ! -f "$out" ] || [ "$(stat -c %s "$out")" -lt 1000000000 ]; then
    python3 - "$shared/news.jsonl" "$out" <<'PY'
import json, sys
src, dst = sys.argv[1], sys.argv[2]
lines = open(src, encoding="utf-8").read().splitlines(keepends=True)
size, n = 0, 0
with open(dst, "w", encoding="utf-8") as f:
    while size < 1_000_000_000:
        for line in lines:
            f.write(line)
            size += len(line.encode())
            n += 1
            if n == 20_000:
                big = json.dumps({"id": "huge-article", "text": "word " * (4 * 1024 * 1024)}) + "\n"
                f.write(big)
                size += len(big)
print(f"wrote {dst}: {size:,} bytes, {n + 1:,} lines", file=sys.stderr)
PY
fi
cargo build --release --quiet
lines=$(wc -l < "$out")
/usr/bin/time -v target/release/slant score --no-config --input-format jsonl --summary --format json "$out" \
    > target/bench/huge.summary.json 2> target/bench/huge.time || true
grep -E "Elapsed|Maximum resident" target/bench/huge.time
grep -E "^error" target/bench/huge.time | head -3
python3 - "$lines" <<'PY'
import json, sys
s = json.load(open("target/bench/huge.summary.json"))
lines = int(sys.argv[1])
print(f"lines {lines:,}; scored {s['articles']:,}; skipped {s['skipped']:,}; "
      f"accounted {'yes' if s['articles'] + s['skipped'] == lines else 'NO'}")
PY
