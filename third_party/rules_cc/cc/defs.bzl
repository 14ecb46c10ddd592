"""Re-exports Bazel's native C++ rules under @rules_cc//cc:defs.bzl.

Debian's bazel-rules-cc 0.0.4 needs a newer Bazel than 4.2.3 (it loads
`use_cpp_toolchain`), so the workspace maps @rules_cc to this shim instead.
"""

cc_binary = native.cc_binary
cc_import = native.cc_import
cc_library = native.cc_library
cc_proto_library = native.cc_proto_library
cc_test = native.cc_test
cc_toolchain = native.cc_toolchain
cc_toolchain_suite = native.cc_toolchain_suite
