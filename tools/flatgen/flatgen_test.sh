#!/bin/bash
# protoc-gen-flat refuses what it cannot mirror, with an error naming the
# cause, and generates for a schema it can.
set -u
protoc="$1"
plugin="$2"
dir="$(dirname "$3")"
out="${TEST_TMPDIR:-/tmp}/flatgen_out"
mkdir -p "$out"
failures=0

run() {  # run FILE ROOT -> sets output, status
  output=$("$protoc" --plugin=protoc-gen-flat="$plugin" -I"$dir" -I/usr/include \
    --flat_opt=root="$2",namespace=t::flat,basename=t.flat --flat_out="$out" "$dir/$1" 2>&1)
  status=$?
}

expect_error() {  # expect_error FILE ROOT TEXT
  run "$1" "$2"
  if [[ $status -eq 0 || "$output" != *"$3"* ]]; then
    echo "FAIL: $1 (root $2): expected an error containing '$3', got status $status: $output"
    failures=$((failures + 1))
  else
    echo "ok: $1: $output"
  fi
}

expect_error map.proto t.M "maps are not supported"
expect_error oneof.proto t.M "oneofs are not supported"
expect_error proto2.proto t.M "only proto3 files are supported"
expect_error recursive.proto t.M "recursive message"
expect_error sint.proto t.M "field type sint32 is not supported"
expect_error duration.proto t.M "google.protobuf.Duration: well-known types other than"
expect_error ok.proto t.Missing "root message t.Missing not found"
expect_error ok.proto t.Unreached "oneofs are not supported"

# Reachable-from-roots: t.Unreached (a oneof) is skipped when not reached.
run ok.proto t.M
if [[ $status -ne 0 || ! -s "$out/t.flat.h" || ! -s "$out/t.flat.cc" ]]; then
  echo "FAIL: ok.proto: status $status: $output"
  failures=$((failures + 1))
elif grep -q "class Unreached" "$out/t.flat.h" || ! grep -q "class M_Inner" "$out/t.flat.h" ||
     ! grep -q "using Inner = M_Inner;" "$out/t.flat.h"; then
  echo "FAIL: ok.proto: unexpected classes in t.flat.h"
  failures=$((failures + 1))
else
  echo "ok: ok.proto generated"
fi

echo "$((8 + 1 - failures)) passed, $failures failed"
[[ $failures -eq 0 ]]
