#!/usr/bin/env bash
# Renders the demo report with headless Chromium (--dump-dom and a
# screenshot) and checks the rendered page: every section, its inline SVG
# charts, the transition tables, and no external resource.
set -uo pipefail

assay="$TEST_SRCDIR/$TEST_WORKSPACE/engine/cli/assay"
work="${TEST_TMPDIR:-$(mktemp -d)}/render"
mkdir -p "$work"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

"$assay" demo --count 3000 --seed 5 --threads 2 --out-dir "$work/demo" > "$work/demo.out" 2>&1 ||
  { cat "$work/demo.out"; echo "FAIL: assay demo"; exit 1; }
report="$work/demo/report.html"
[[ -s "$report" ]] || { echo "FAIL: no report"; exit 1; }

chromium_bin=$(command -v chromium || command -v chromium-browser || true)
[[ -n "$chromium_bin" ]] || { echo "FAIL: chromium is not installed (./bazelw installs it)"; exit 1; }
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --user-data-dir="$work/profile")

timeout 120 "$chromium_bin" "${flags[@]}" --dump-dom "file://$report" > "$work/dom.html" 2> "$work/chromium.log" ||
  { tail -20 "$work/chromium.log"; echo "FAIL: chromium --dump-dom"; exit 1; }
timeout 120 "$chromium_bin" "${flags[@]}" --window-size=1280,3000 --screenshot="$work/report.png" \
  "file://$report" >> "$work/chromium.log" 2>&1 || fail "chromium --screenshot"

dom="$work/dom.html"
for id in summary bands rosh reviews due tiers transitions; do
  grep -q "<section id=\"$id\"" "$dom" || fail "section $id missing from the rendered DOM"
done
svgs=$(grep -o '<svg' "$dom" | wc -l)
[[ "$svgs" -eq 5 ]] || fail "expected 5 inline SVG charts, found $svgs"
bars=$(grep -o '<rect' "$dom" | wc -l)
[[ "$bars" -gt 100 ]] || fail "expected the charts to have bars, found $bars rects"
tables=$(grep -o '<table class="matrix">' "$dom" | wc -l)
[[ "$tables" -ge 3 ]] || fail "expected transition tables, found $tables"
grep -q '<h1>Caseload rescoring report</h1>' "$dom" || fail "title"
grep -q 'As of <b>Monday 6 October 2025</b>' "$dom" || fail "as-of date"
if grep -Eq '<script|src=|https?:' "$dom"; then fail "external resource or script in the page"; fi
# A rendered 1280x3000 page with charts is far from blank.
png_size=$(stat -c %s "$work/report.png" 2>/dev/null || echo 0)
[[ "$png_size" -gt 50000 ]] || fail "screenshot is missing or blank ($png_size bytes)"

if [[ $failures -gt 0 ]]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "report renders: 7 sections, $svgs charts, $tables transition tables"
