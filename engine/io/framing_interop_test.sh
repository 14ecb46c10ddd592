#!/usr/bin/env bash
# The C++ writer's files, read by the independent Python reader: runs
# framing_interop.py under Debian's /usr/bin/python3 (the first python3 on
# PATH may be another one), which runs the writer and verifies its output.
#   framing_interop_test.sh FRAMING_INTEROP_PY FRAMING_INTEROP_WRITER
set -euo pipefail
exec /usr/bin/python3 "$1" check-cpp-writer "$2"
