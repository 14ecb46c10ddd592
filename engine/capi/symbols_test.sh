#!/usr/bin/env bash
# What libassay.so shows the dynamic linker:
#   1. it exports exactly the functions of exported_symbols.txt, each under
#      the version node ASSAY_1, and nothing else (no Abseil, protobuf,
#      libstdc++ or Assay C++ symbol);
#   2. assay.h declares exactly those functions (ASSAY_API);
#   3. it needs only the C and C++ runtimes, Debian's protobuf and Abseil
#      (whose Debian static archives cannot go into a shared object; see
#      BUILD.bazel), and a sanitizer runtime under --config=asan/ubsan.
#   symbols_test.sh LIBASSAY_SO ASSAY_H EXPORTED_SYMBOLS_TXT
set -euo pipefail
lib=$1 header=$2 allow_list=$3
fail=0

allowed=$(grep -v '^#' "$allow_list" | sed '/^$/d' | sort)
exports=$(nm -D --defined-only "$lib" | awk '{print $NF}')
functions=$(grep -v '^ASSAY_1$' <<<"$exports" | sed 's/@.*//' | sort)
# Declarations start a line with ASSAY_API and name the function before "(".
declared=$(grep -E '^ASSAY_API ' "$header" | sed -E 's/^ASSAY_API [^(]*[ *]([a-z_0-9]+)\(.*/\1/' | sort)

if [[ "$functions" != "$allowed" ]]; then
  echo "FAIL: exported symbols differ from $allow_list (< allowed, > exported):"
  diff <(echo "$allowed") <(echo "$functions") || true
  fail=1
fi
if [[ "$declared" != "$allowed" ]]; then
  echo "FAIL: functions declared ASSAY_API in assay.h differ from $allow_list (< allowed, > declared):"
  diff <(echo "$allowed") <(echo "$declared") || true
  fail=1
fi
unversioned=$(grep -v '^ASSAY_1$' <<<"$exports" | grep -v '@@ASSAY_1$' || true)
if [[ -n "$unversioned" ]]; then
  echo "FAIL: exports without the version node ASSAY_1:"
  echo "$unversioned"
  fail=1
fi

needed=$(readelf -d "$lib" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
allowed_needed='^(libc\.so\.6|libm\.so\.6|libgcc_s\.so\.1|libstdc\+\+\.so\.6|ld-linux-x86-64\.so\.2|libprotobuf\.so\.32|libabsl_[a-z0-9_]+\.so\.20220623|libquadmath\.so\.0|libasan\.so\.[0-9]+|libubsan\.so\.[0-9]+)$'
unexpected=$(grep -vE "$allowed_needed" <<<"$needed" || true)
if [[ -n "$unexpected" ]]; then
  echo "FAIL: unexpected NEEDED libraries:"
  echo "$unexpected"
  fail=1
fi
if ! readelf -d "$lib" | grep -q 'Library soname: \[libassay.so\]'; then
  echo "FAIL: SONAME is not libassay.so"
  fail=1
fi

count=$(wc -l <<<"$functions")
echo "libassay.so exports $count functions (+ version node ASSAY_1); NEEDED: $(echo $needed)"
exit $fail
