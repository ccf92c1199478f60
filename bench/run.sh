#!/usr/bin/env bash
# Throughput benchmark: slant against ripgrep on the same terms and text.
# Usage: bench/run.sh [REPETITIONS]   (reads ../shared/bench/, writes target/bench/)
# See docs/performance.md for the method and the results.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v rg >/dev/null 2>&1; then
    echo "installing ripgrep (Debian package)" >&2
    apt-get install -y ripgrep >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y ripgrep >/dev/null; }
fi
if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time (Debian package), for peak memory" >&2
    apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi
shared="${SLANT_BENCH_DATA:-../shared/bench}"
if [ ! -f "$shared/news.jsonl" ] || [ ! -f "$shared/terms.txt" ]; then
    echo "error: $shared/news.jsonl and terms.txt are needed (set SLANT_BENCH_DATA)" >&2
    exit 2
fi
cargo build --release --quiet
exec python3 bench/bench.py --shared "$shared" --slant target/release/slant --out target/bench --reps "${1:-5}"
