#!/usr/bin/env bash
# Runs capi_ctypes_test.py under Debian's /usr/bin/python3 (the first python3
# on PATH may be another one).
#   capi_ctypes_test.sh TEST_PY LIBASSAY_SO ASSAY_CLI NS2007_TEXTPROTO
# Under --config=asan the library needs the ASan runtime loaded first, which
# an uninstrumented python3 does not do: preload it (and leave Python's own
# deliberate leaks unreported).
set -euo pipefail
lib=$(realpath "$2")
asan=$(ldd "$lib" | awk '/libasan/ {print $3}')
if [[ -n "$asan" ]]; then
  export LD_PRELOAD="$asan${LD_PRELOAD:+:$LD_PRELOAD}"
  export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
fi
exec /usr/bin/python3 "$1" "$lib" "$(realpath "$3")" "$4"
