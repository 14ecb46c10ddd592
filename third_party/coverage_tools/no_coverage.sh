#!/bin/sh
# Bazel coverage is not available offline; `bazel test` only needs these
# targets to exist.
echo "coverage is not available in this offline build" >&2
exit 1
