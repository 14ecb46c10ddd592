#!/usr/bin/env bash
# End-to-end test of `assay reference-csv` on the reference's regression rows.
set -euo pipefail

assay="$1"
rows="$2"
tmp="${TEST_TMPDIR:-$(mktemp -d)}"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$assay" reference-csv --assessment-date=2025-10-03 "$rows" >"$tmp/out.csv" 2>"$tmp/err" ||
  fail "exit status $? on the reference rows: $(cat "$tmp/err")"

expected_header='id,arp_static,arp_dynamic,vrp_static,vrp_dynamic,svrp_static,svrp_dynamic,arp_static_band,arp_dynamic_band,vrp_static_band,vrp_dynamic_band,svrp_static_band,svrp_dynamic_band'
[[ "$(head -1 "$tmp/out.csv")" == "$expected_header" ]] || fail "header: $(head -1 "$tmp/out.csv")"
in_rows=$(($(grep -c . "$rows") - 1))
out_rows=$(($(wc -l <"$tmp/out.csv") - 1))
[[ "$in_rows" == "$out_rows" ]] || fail "$in_rows input rows, $out_rows output rows"

# predictors.md §15 B, row 0 and row 1 (historical rows 0 and 1).
grep -qx '0,5.37,9.20,0.95,1.71,0.16,0.18,LOW,LOW,LOW,LOW,LOW,LOW' "$tmp/out.csv" || fail "row 0: $(sed -n 2p "$tmp/out.csv")"
grep -qx '1,6.98,7.57,2.06,2.69,0.20,0.22,LOW,LOW,LOW,LOW,LOW,LOW' "$tmp/out.csv" || fail "row 1"

# stdin, a malformed row (4.2 = 1, which the harness rejects) and a row the
# predictors reject (offence code 00000) each still give one output row.
{
  head -2 "$rows"
  sed -n 2p "$rows" | awk -F, 'BEGIN{OFS=","} {$1="bad"; $12="1"; print}'
  sed -n 2p "$rows" | awk -F, 'BEGIN{OFS=","} {$1="unknown"; $4="00000"; print}'
} >"$tmp/mixed.csv"
status=0
"$assay" reference-csv --assessment-date=2025-10-03 - <"$tmp/mixed.csv" >"$tmp/mixed.out" 2>"$tmp/mixed.err" || status=$?
[[ "$status" == 1 ]] || fail "malformed input: exit status $status, expected 1"
[[ $(wc -l <"$tmp/mixed.out") == 4 ]] || fail "mixed: $(cat "$tmp/mixed.out")"
grep -q '^bad,MALFORMED_RECORD,' "$tmp/mixed.out" || fail "malformed row: $(cat "$tmp/mixed.out")"
grep -q 'line 3, column 11 (four_point_two)' "$tmp/mixed.err" || fail "stderr: $(cat "$tmp/mixed.err")"
grep -q '^unknown,OFFENCE_CODE_MAPPING_NOT_FOUND,' "$tmp/mixed.out" || fail "unmapped row"

# Usage errors.
status=0
"$assay" reference-csv "$rows" >/dev/null 2>&1 || status=$?
[[ "$status" == 2 ]] || fail "missing --assessment-date: exit status $status"
status=0
"$assay" reference-csv --assessment-date=2025-02-30 "$rows" >/dev/null 2>&1 || status=$?
[[ "$status" == 2 ]] || fail "impossible date: exit status $status"
echo PASS
