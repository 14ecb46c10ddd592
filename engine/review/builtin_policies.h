// The built-in review policies' text, compiled in from engine/review/policies/
// by the genrule :builtin_policies_cc. Internal to policy.cc.
#ifndef ASSAY_ENGINE_REVIEW_BUILTIN_POLICIES_H_
#define ASSAY_ENGINE_REVIEW_BUILTIN_POLICIES_H_

namespace assay::review::internal {

struct BuiltinPolicyText {
  const char* name;  // the file name without ".textproto"
  const char* text;  // the file's bytes
};

// In the order of the genrule's srcs (the default policy first).
extern const BuiltinPolicyText kBuiltinPolicyTexts[];
extern const int kBuiltinPolicyTextCount;

}  // namespace assay::review::internal

#endif  // ASSAY_ENGINE_REVIEW_BUILTIN_POLICIES_H_
