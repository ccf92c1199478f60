#!/usr/bin/env bash
# Renders slant's HTML pages (the seed pair compared, a hostile pair, a run
# of reports, one report, a summary) and checks them in Debian's Chromium
# through playwright-core (check.mjs). Installs what it needs: chromium and
# chromium-driver with apt-get, playwright-core with npm. Screenshots go to
# target/browser/*.png. Plain `cargo test` needs none of this.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    echo "== installing chromium and chromium-driver"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if ! command -v npm >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
# The lock file pins playwright-core; it drives the system's Chromium, so no
# browser is downloaded.
(cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)

cargo build --quiet
slant=target/debug/slant
out=target/browser
rm -rf "$out"
mkdir -p "$out"

left=corpus/000_4fdb1282455ab5f8.txt
right=corpus/004_3bdeed25ccb9e8ca.txt
hostile=(tests/fixtures/hostile/left.txt tests/fixtures/hostile/right.txt)
pack=tests/fixtures/hostile/pack.yaml

"$slant" compare "$left" "$right" --format html -o "$out/compare-seed.html"
"$slant" compare "$left" "$right" --format json -o "$out/compare-seed.json"
"$slant" compare "${hostile[@]}" --rules "$pack" --format html -o "$out/compare-hostile.html"
"$slant" compare "${hostile[@]}" --rules "$pack" --format json -o "$out/compare-hostile.json"
many=("$left" "$right" tests/fixtures/articles/harbour-a.txt tests/fixtures/articles/harbour-b.txt "${hostile[0]}")
"$slant" score "${many[@]}" --rules "$pack" --format html -o "$out/score-many.html"
"$slant" score "${many[@]}" --rules "$pack" --format json -o "$out/score-many.json"
"$slant" score "$left" --format html -o "$out/score-one.html"
"$slant" score "$left" --format json -o "$out/score-one.json"
"$slant" score corpus/ tests/fixtures/articles/ --summary --format html -o "$out/summary.html"

cat >"$out/pages.json" <<'EOF'
[
  {"name": "compare-seed", "html": "compare-seed.html", "json": "compare-seed.json"},
  {"name": "compare-hostile", "html": "compare-hostile.html", "json": "compare-hostile.json", "hostile": true,
   "message": "Says <script>window.__pwned=\"message\"</script> \"quotes\" & 'apostrophes' </textarea>"},
  {"name": "score-many", "html": "score-many.html", "json": "score-many.json", "hostile": true},
  {"name": "score-one", "html": "score-one.html", "json": "score-one.json"},
  {"name": "summary", "html": "summary.html"}
]
EOF

node tests/browser/check.mjs "$out"
