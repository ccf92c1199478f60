#!/usr/bin/env bash
# The Spark recipe of docs/performance.md, run for real: pyspark (PyPI) in a
# virtual environment, the machine's Java 17, local mode with two workers, on
# an archive in several partitions built from ../shared/bench/news.jsonl. The
# merged summary, for the whole archive and per group, must equal a
# single-process run byte for byte. Skips (exit 0, with a message) only when
# ../shared is absent. Called from .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
news=../shared/bench/news.jsonl
if [ ! -f "$news" ]; then
    echo "spark: skipped: $news is not here (the BBC sample is not part of the repository)"
    exit 0
fi
if ! command -v java >/dev/null; then
    apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
venv=target/spark-venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -c 'import pyspark' 2>/dev/null || "$venv/bin/pip" install -q 'pyspark>=3.5,<5'
cargo build -q --release
bin="$PWD/target/release"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Six partitions of the archive, each record with its section as `outlet`.
mkdir "$work/archive"
python3 - "$news" "$work/archive" <<'PY'
import json, sys
news, out = sys.argv[1], sys.argv[2]
files = [open(f"{out}/part-{i}.jsonl", "w") for i in range(6)]
for n, line in enumerate(open(news, encoding="utf-8")):
    r = json.loads(line)
    r["outlet"] = r["id"].split("-")[1]
    files[n % 6].write(json.dumps(r) + "\n")
PY
cat "$work"/archive/part-*.jsonl > "$work/all.jsonl"

export PATH="$bin:$PATH"
"$venv/bin/python" - "$work" "$bin/slant" <<'PY'
import sys
from pyspark import SparkConf, SparkContext
work, slant = sys.argv[1], sys.argv[2]
sc = SparkContext(conf=SparkConf().setMaster("local[2]").setAppName("slant").set("spark.ui.enabled", "false"))
sc.setLogLevel("ERROR")
lines = sc.textFile(f"{work}/archive/*.jsonl", minPartitions=6)
print(f"spark: {lines.getNumPartitions()} partitions")
# The recipe of docs/performance.md, then the same per group. The binary
# by its full path: Python workers do not see the driver's PATH.
for name, extra in [("whole", ""), ("groups", " --group-by outlet")]:
    summaries = lines.pipe(f"{slant} score --no-config --input-format jsonl --summary{extra} --format json -")
    # Without the shuffle, coalesce(1) would fold the partitions before the
    # first pipe, which would then run once over the whole archive.
    summaries = summaries.coalesce(1, shuffle=True)
    print(f"spark: {name}: {summaries.count()} shard summaries to merge")
    total = summaries.pipe(f"{slant} merge-summaries --format json").collect()
    with open(f"{work}/spark-{name}.json", "w") as f:
        f.write("\n".join(total) + "\n")
sc.stop()
PY

slant score --no-config --input-format jsonl --summary --format json "$work/all.jsonl" > "$work/one-whole.json"
slant score --no-config --input-format jsonl --summary --group-by outlet --format json "$work/all.jsonl" > "$work/one-groups.json"
for name in whole groups; do
    if cmp -s "$work/spark-$name.json" "$work/one-$name.json"; then
        echo "spark: $name: the merged summary equals one run, byte for byte ($(wc -l < "$work/one-$name.json") line(s))"
    else
        echo "spark: $name: the merged summary differs from one run:" >&2
        diff <(tr ',' '\n' < "$work/spark-$name.json") <(tr ',' '\n' < "$work/one-$name.json") | head -20 >&2
        exit 1
    fi
done
