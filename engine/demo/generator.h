// A synthetic probation caseload: seeded, reproducible, plausible.
//
// Contract:
//   - Generate(i, &record) fills record i of the caseload. It depends only on
//     (seed, as_of, invalid_share, the offence table) and i, so records can
//     be generated in any order, in parallel, and any prefix of a larger
//     caseload equals the smaller one. Same seed, same bytes, everywhere
//     (engine/demo/prng.h: integer-only draws).
//   - The records hold no personal details: ids are "AS" + 8 digits and
//     "CRN" + 7 digits, practitioner ids "PR" + 4 digits, and rationales are
//     canned sentences.
//   - invalid_share (tests and benchmarks only, 0 for the demo) is the share
//     of records given one deliberate error: a sanction count of 0, a
//     conviction before birth, a malformed offence code, 30 February, a
//     missing date of birth, a first sanction at 120, more violent than
//     total sanctions, or no RoSH rating.
//
// Distributions (per record; all dates relative to as_of, "U" uniform):
//   gender              86% male, 14% female
//   supervision         community order 33%, suspended sentence 15%,
//                       licence 30%, custody (pre-release) 18%, remand 3%,
//                       not supervised 1%
//   age at assessment   18-20 9%, 21-24 15%, 25-29 18%, 30-34 17%, 35-39 14%,
//                       40-49 16%, 50-59 8%, 60-80 3% (U within the band)
//   assessment date     as_of minus U(0..3I/4) days 80%, U(I+1..I+60) 12%,
//                       U(I+61..600) 8%, where I is the usual review
//                       interval of the case's RoSH (high 16 weeks, medium
//                       39, low 52): most reviews are on time, some late,
//                       a few long overdue
//   conviction, start   community: conviction U(0..90) days before the
//   of follow-up        assessment, start U(0..28) days after conviction;
//                       licence: conviction 0.5-5.5 years back, release
//                       within -60..+30 days of the assessment; custody and
//                       remand: release 2 months to 2.5 years ahead
//   offence             category mix of an English probation caseload
//                       (theft 12%, violence ABH+ 12%, sub-ABH 10%, drugs
//                       11.5%, public order 8%, ... sexual 5.5% of men,
//                       0.5% of women), then a code drawn uniformly from the
//                       built-in offence table's codes of that category
//   sanctions           1: 14%, 2: 9%, 3-4: 13%, 5-9: 20%, 10-19: 20%,
//                       20-39: 15%, 40-79: 7%, 80-150: 2%, capped by the
//                       length of the criminal career; first sanction at
//                       12 + (0-2 25%, 3-5 30%, 6-9 20%, 10-19 15%, 20-40 10%)
//   violent sanctions   binomial with a personal rate U(0, 0.45) (+0.15 for
//                       a violent current offence, which counts itself)
//   sexual history      every sexual current offence, plus 2.5% of others
//                       (contact adult / child / images / non-contact counts)
//   needs (OASys 3-12)  a personal need level L = U+U+U (0..3, mean 1.5)
//                       scales each item's base rates of "some" and
//                       "significant" problems by 0.4 + 0.4 L; 5% of
//                       assessments leave some dynamic items unanswered and
//                       3% have no needs section (static models only)
//   previous serious    with an earlier sanction: wounding/GBH 8%, weapon
//   convictions         10%, robbery 6%, ... homicide 0.5%, scaled by the
//                       violence rate (x 0.5 .. 1.7)
//   drugs               45% x need scale use drugs, each drug with its own
//                       rate among users (cannabis 60%, cocaine 30%, crack
//                       25%, heroin 22%, ...)
//   RoSH                overall LOW/MEDIUM/HIGH/VERY HIGH 40/52/7.5/0.5% for
//                       acquisitive and other offences, 10/55/31/4% for
//                       violent and sexual ones, 25/55/18/2% otherwise; one
//                       group (public 60%, known adult 25%, children 10%,
//                       staff 5%) at that level, others up to two levels
//                       below; custody cells for custody and licence cases
//   MAPPA               category 1 for 90% of sexual offenders, category 2
//                       for 35% of violent custody and licence cases, 1%
//                       category 3; level 1 mostly, 2 and 3 in 7-20%
//   events              none 72%, one 20%, two 6%, three 2%, dated in the
//                       two weeks before as_of (not before the assessment;
//                       release and supervision end at their own dates)
//   practitioner        12% of cases: an earlier date (8 or 12 weeks) for
//   decisions           high-RoSH and MAPPA 2-3 cases, 13-52 weeks for
//                       others, with a reason code and a rationale
//   registrations       domestic abuse 45% of cases with DA evidence (2%
//                       otherwise), stalking 2%, child protection 5% (30%
//                       for sexual offences against children)
#ifndef ASSAY_ENGINE_DEMO_GENERATOR_H_
#define ASSAY_ENGINE_DEMO_GENERATOR_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "schemas/assessment.pb.h"

namespace assay::demo {

inline constexpr uint64_t kDefaultSeed = 20110405;  // the Revised National Standards
// The demo's fixed as-of date (a Monday), so a seed gives the same report
// on any day.
inline constexpr absl::CivilDay kDefaultAsOf = absl::CivilDay(2025, 10, 6);
inline constexpr uint64_t kDefaultCaseloadSize = 20000;

struct CaseloadOptions {
  uint64_t seed = kDefaultSeed;
  absl::CivilDay as_of = kDefaultAsOf;
  double invalid_share = 0.0;
};

class CaseloadGenerator {
 public:
  explicit CaseloadGenerator(const CaseloadOptions& options);

  void Generate(uint64_t index, v1::Assessment* record) const;

  const CaseloadOptions& options() const { return options_; }

 private:
  CaseloadOptions options_;
  // Offence codes by actuarial category (scoring/offence_table.h order).
  std::vector<std::vector<std::string>> codes_;
};

}  // namespace assay::demo

#endif  // ASSAY_ENGINE_DEMO_GENERATOR_H_
