#!/usr/bin/env python3
"""slant vs ripgrep on the same terms and the same text; called by bench/run.sh.

Builds from news.jsonl (see ../shared/bench/README.md):
  bench100.txt   title + "\\n\\n" + text + "\\n\\n" per record, repeated to exactly 100,000,000 bytes
  bench100.jsonl the same articles as JSON Lines (the last one cut where the plain file is cut)
  articles/      the first 2,000 records, one <id>.txt each (title, blank line, body)
  terms.yaml     terms.txt as one slant rule pack
Then times each command several times (wall clock, best and median), reads
each run's peak resident memory from wait4(), and compares match counts.
"""
import argparse, json, os, re, statistics, subprocess, sys, tempfile, time

TARGET = 100_000_000


def build(shared, out):
    os.makedirs(out, exist_ok=True)
    records = [json.loads(l) for l in open(os.path.join(shared, "news.jsonl"), encoding="utf-8")]
    plain_path = os.path.join(out, "bench100.txt")
    jsonl_path = os.path.join(out, "bench100.jsonl")
    folder = os.path.join(out, "articles")
    if not os.path.exists(plain_path) or os.path.getsize(plain_path) != TARGET:
        blocks = [(r, (r["title"] + "\n\n" + r["text"] + "\n\n").encode()) for r in records]
        size, copy = 0, 0
        with open(plain_path, "wb") as plain, open(jsonl_path, "w", encoding="utf-8") as jl:
            while size < TARGET:
                for r, b in blocks:
                    take = b[: TARGET - size]
                    plain.write(take)
                    size += len(take)
                    # The JSON record holds the same bytes the plain file holds.
                    body = take[len(r["title"].encode()) + 2:].decode("utf-8", "ignore").rstrip("\n")
                    title = r["title"] if len(take) > len(r["title"].encode()) else take.decode("utf-8", "ignore")
                    jl.write(json.dumps({"id": f'{r["id"]}#{copy}', "title": title, "text": body}) + "\n")
                    if size >= TARGET:
                        break
                copy += 1
    if not os.path.isdir(folder):
        os.makedirs(folder)
        for r in records[:2000]:
            with open(os.path.join(folder, r["id"] + ".txt"), "w", encoding="utf-8") as f:
                f.write(r["title"] + "\n\n" + r["text"])
    terms, seen, dropped = [], set(), []
    for t in open(os.path.join(shared, "terms.txt"), encoding="utf-8"):
        t = t.strip()
        key = re.sub(r"[\s\-\u2010-\u2015]+", " ", t.lower())
        if not t:
            continue
        if key in seen:
            dropped.append(t)  # slant folds hyphens: "witch-hunt" is "witch hunt"
            continue
        seen.add(key)
        terms.append(t)
    pack = os.path.join(out, "terms.yaml")
    with open(pack, "w", encoding="utf-8") as f:
        f.write("pack: bench-terms\ncategories:\n  bench: {weight: 1}\nrules:\n  - id: bench.terms\n")
        f.write("    category: bench\n    message: benchmark term\n    terms:\n")
        for t in terms:
            f.write("      - " + json.dumps(t) + "\n")
    return plain_path, jsonl_path, folder, pack, dropped


def run_once(cmd):
    """Runs cmd with stdout to a pipe that is drained; returns (seconds, peak RSS in KiB, stdout).

    Peak memory comes from GNU time: a child forked from this Python process
    would report Python's own peak (Linux keeps the pre-exec peak)."""
    with tempfile.NamedTemporaryFile("r") as rss_file:
        start = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_file.name] + cmd,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        if p.returncode not in (0, 1):
            sys.exit(f"command failed ({p.returncode}): {' '.join(cmd)}")
        rss = int(rss_file.read().strip().splitlines()[-1])
    return elapsed, rss, p.stdout


def bench(name, cmd, reps, mb):
    run_once(cmd)  # warm the page cache
    times, rss, out = [], 0, b""
    for _ in range(reps):
        t, r, out = run_once(cmd)
        times.append(t)
        rss = max(rss, r)
    best, med = min(times), statistics.median(times)
    print(f"| {name} | {best:.3f} | {med:.3f} | {mb / best:.1f} | {rss / 1024:.1f} |", flush=True)
    return best, rss, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", required=True)
    ap.add_argument("--slant", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--reps", type=int, default=5)
    a = ap.parse_args()
    plain, jsonl, folder, pack, dropped = build(a.shared, a.out)
    terms_txt = os.path.join(a.shared, "terms.txt")
    folder_mb = sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder)) / 1e6
    cores = os.cpu_count()
    slant = [a.slant, "score", "--no-config"]
    terms = ["--no-default-rules", "--rules", pack]
    rg = ["rg", "-c", "-i", "-w", "-F", "-f", terms_txt]

    print(f"machine: {cores} cores; {os.uname().sysname} {os.uname().machine}; ripgrep: "
          + subprocess.run(["rg", "--version"], capture_output=True, text=True).stdout.split("\n")[0])
    print(f"inputs: 100 MB = {TARGET:,} bytes of text ({os.path.getsize(jsonl):,} bytes as JSON Lines); "
          f"folder = 2,000 files, {folder_mb:.2f} MB; MB/s counts text bytes (10^6)\n")
    print("| command | best s | median s | MB/s | peak RSS MB |")
    print("| --- | --- | --- | --- | --- |")
    r = {}
    r["rg100"] = bench("rg -c -i -w -F -f terms.txt, 100 MB plain", rg + [plain], a.reps, 100)
    r["s100n"] = bench(f"slant, terms pack, 100 MB JSON Lines, --summary, {cores} threads",
                       slant + terms + ["--input-format", "jsonl", "--summary", "--format", "json", jsonl], a.reps, 100)
    r["s1001"] = bench("slant, terms pack, 100 MB JSON Lines, --summary, 1 thread",
                       slant + terms + ["--input-format", "jsonl", "--summary", "--format", "json", "-j1", jsonl], a.reps, 100)
    r["s100l"] = bench(f"slant, terms pack, 100 MB JSON Lines, --format jsonl (every hit), {cores} threads",
                       slant + terms + ["--input-format", "jsonl", "--format", "jsonl", jsonl], a.reps, 100)
    r["rgdir"] = bench("rg -c -i -w -F -f terms.txt, folder", rg + [folder], a.reps, folder_mb)
    r["sdir"] = bench(f"slant, terms pack, folder, --summary, {cores} threads",
                      slant + terms + ["--summary", "--format", "json", folder], a.reps, folder_mb)
    r["sdef"] = bench(f"slant, default packs, 100 MB JSON Lines, --summary, {cores} threads",
                      slant + ["--input-format", "jsonl", "--summary", "--format", "json", jsonl], a.reps, 100)

    print("\nratios (ripgrep time / slant time; above 1 means slant is faster):")
    print(f"  100 MB, all threads: {r['rg100'][0] / r['s100n'][0]:.2f}")
    print(f"  100 MB, 1 thread:    {r['rg100'][0] / r['s1001'][0]:.2f}")
    print(f"  folder, all threads: {r['rgdir'][0] / r['sdir'][0]:.2f}")
    print(f"slant peak RSS on 100 MB: {r['s100n'][1] / 1024:.1f} MB (all threads), {r['s1001'][1] / 1024:.1f} MB (1 thread)")

    # Match counts on the same terms.
    rg_matches = int(subprocess.run(["rg", "--count-matches", "--no-filename", "-i", "-w", "-F", "-f", terms_txt, plain],
                                    capture_output=True, text=True).stdout.strip() or 0)
    slant_hits = json.loads(r["s100n"][2])["hits"]
    print(f"\nmatches on 100 MB: ripgrep --count-matches {rg_matches:,}; slant {slant_hits:,}; "
          f"difference {slant_hits - rg_matches:+,}")
    if dropped:
        print(f"  terms that fold to another term and were listed once in the pack: {', '.join(dropped)}")
    compare_folder(a.slant, pack, terms_txt, folder)


def compare_folder(slant, pack, terms_txt, folder):
    """Explains count differences file by file on the folder."""
    rg = subprocess.run(["rg", "--json", "-i", "-w", "-F", "-f", terms_txt, folder], capture_output=True, text=True).stdout
    rg_hits = {}
    for line in rg.splitlines():
        ev = json.loads(line)
        if ev["type"] == "match":
            path = ev["data"]["path"]["text"]
            for sm in ev["data"]["submatches"]:
                rg_hits.setdefault(path, []).append(sm["match"]["text"].lower())
    out = subprocess.run([slant, "score", "--no-config", "--no-default-rules", "--rules", pack, "--format", "jsonl", folder],
                         capture_output=True, text=True).stdout
    slant_hits = {}
    for line in out.splitlines():
        rep = json.loads(line)
        slant_hits[rep["source"]] = [h["text"].lower() for h in rep["hits"]]
    total_rg = sum(len(v) for v in rg_hits.values())
    total_slant = sum(len(v) for v in slant_hits.values())
    only_slant, only_rg = {}, {}
    for path in set(rg_hits) | set(slant_hits):
        a, b = list(slant_hits.get(path, [])), list(rg_hits.get(path, []))
        for t in list(a):
            if t in b:
                b.remove(t)
                a.remove(t)
        for t in a:
            only_slant[t] = only_slant.get(t, 0) + 1
        for t in b:
            only_rg[t] = only_rg.get(t, 0) + 1
    print(f"\nmatches on the folder: ripgrep {total_rg:,}; slant {total_slant:,}")
    def top(d):
        return ", ".join(f"{t!r} x{n}" for t, n in sorted(d.items(), key=lambda x: -x[1])[:12]) or "none"
    print(f"  found only by slant ({sum(only_slant.values())}): {top(only_slant)}")
    print(f"  found only by ripgrep ({sum(only_rg.values())}): {top(only_rg)}")


if __name__ == "__main__":
    main()
