// A hand-written protobuf wire decoder for v1::Assessment, for the batch
// engine's fast path.
//
// Contract:
//   - DecodeAssessment(bytes, &out) returns true only when protobuf's own
//     parser (v1::Assessment::ParseFromArray) would accept the same bytes,
//     and then `out` holds exactly the values that parser would give to the
//     fields the fast path reads (fast_path.h: dates, gender, counts,
//     offence code, previous convictions, the dynamic answers) and the two
//     ids. Every other field, known or unknown, is checked as protobuf
//     checks it (well-formed wire data, strict UTF-8 in proto3 strings,
//     sub-messages recursively) and otherwise skipped.
//   - It is conservative: anything unusual (groups, a known field with an
//     unexpected wire type, over-long varints, more than
//     kMaxPreviousConvictions entries, a tag 0) returns false, and the
//     caller parses the record with protobuf, so correctness never depends
//     on this decoder. Repeated occurrences of a field behave as protobuf's
//     parser does: the last scalar wins, a repeated sub-message continues
//     into the same message, repeated enums append (packed or not).
//   - The returned string views point into `bytes`. No heap allocation.
//   - WireAssessment mimics the accessor names of v1::Assessment that the
//     fast path uses, so FastDeriveClean is one template for both.
//   - The field tables are built once from the generated descriptors
//     (thread-safe static initialisation); if the schema lacks a field the
//     decoder needs, DecodeAssessment always returns false.
#ifndef ASSAY_ENGINE_BATCH_WIRE_DECODER_H_
#define ASSAY_ENGINE_BATCH_WIRE_DECODER_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "absl/types/span.h"
#include "schemas/assessment.pb.h"

namespace assay::batch {

namespace wire {
// Varint slots of WireAssessment::values (and presence bits in `has`).
enum Slot : int {
  kGender = 0,
  kTotalSanctions,
  kViolentSanctions,
  kAgeAtFirstSanction,
  // Four dates x (message presence, year, month, day).
  kAssessmentDate,
  kDateOfBirth = kAssessmentDate + 4,
  kDateOfCurrentConviction = kDateOfBirth + 4,
  kDateAtStartOfFollowup = kDateOfCurrentConviction + 4,
  kPreviousConvictions = kDateAtStartOfFollowup + 4,  // message presence
  kAnswers,                                           // message presence
  // OasysAnswers, relative to kAnswers + 1.
  kWeaponInvolved,
  kAccommodationSuitability,
  kUnemployed,
  kPartnerRelationship,
  kDomesticAbuseEvidence,
  kRelationshipStatus,
  kRegularOffendingActivities,
  kDrugMisuseMotivation,
  kHeroin,
  kMethadone,
  kOtherOpiate,
  kCrackCocaine,
  kPowderCocaine,
  kMisusedPrescriptionDrug,
  kBenzodiazepines,
  kCannabis,
  kSteroids,
  kOtherDrugs,
  kKetamine,
  kSpice,
  kHallucinogens,
  kSolvents,
  kCurrentAlcoholUse,
  kExcessiveAlcoholUse,
  kImpulsivity,
  kTemperControl,
  kProCriminalAttitudes,
  kSlotCount
};
// Relative slots are below kSkipSlot; a field that is read but not kept is
// stored at base + kSkipSlot, past the real slots (the decoder's inner
// loop then has no "keep or skip" branch).
inline constexpr int kSkipSlot = 64;
static_assert(kSlotCount <= kSkipSlot, "relative slots must stay below kSkipSlot");
enum StringSlot : int { kAssessmentId = 0, kCaseReference, kCurrentOffenceCode, kStringCount };
}  // namespace wire

inline constexpr int kMaxPreviousConvictions = 32;

struct WireDate {
  const int64_t* v;  // presence, year, month, day
  int32_t year() const { return static_cast<int32_t>(v[1]); }
  int32_t month() const { return static_cast<int32_t>(v[2]); }
  int32_t day() const { return static_cast<int32_t>(v[3]); }
};

class WireAssessment {
 public:
  void Clear() {
    for (int i = 0; i < wire::kSlotCount; ++i) {
      values_[i] = 0;
      present_[i] = 0;
    }
    for (std::string_view& s : strings_) s = {};
    type_count_ = 0;
  }

  std::string_view assessment_id() const { return strings_[wire::kAssessmentId]; }
  std::string_view case_reference() const { return strings_[wire::kCaseReference]; }
  std::string_view current_offence_code() const { return strings_[wire::kCurrentOffenceCode]; }

  bool has_assessment_date() const { return Has(wire::kAssessmentDate); }
  bool has_date_of_birth() const { return Has(wire::kDateOfBirth); }
  bool has_date_of_current_conviction() const { return Has(wire::kDateOfCurrentConviction); }
  bool has_date_at_start_of_followup() const { return Has(wire::kDateAtStartOfFollowup); }
  WireDate assessment_date() const { return WireDate{&values_[wire::kAssessmentDate]}; }
  WireDate date_of_birth() const { return WireDate{&values_[wire::kDateOfBirth]}; }
  WireDate date_of_current_conviction() const {
    return WireDate{&values_[wire::kDateOfCurrentConviction]};
  }
  WireDate date_at_start_of_followup() const {
    return WireDate{&values_[wire::kDateAtStartOfFollowup]};
  }

  v1::Gender gender() const { return static_cast<v1::Gender>(Int32(wire::kGender)); }
  bool has_total_sanctions() const { return Has(wire::kTotalSanctions); }
  bool has_violent_sanctions() const { return Has(wire::kViolentSanctions); }
  bool has_age_at_first_sanction() const { return Has(wire::kAgeAtFirstSanction); }
  int32_t total_sanctions() const { return Int32(wire::kTotalSanctions); }
  int32_t violent_sanctions() const { return Int32(wire::kViolentSanctions); }
  int32_t age_at_first_sanction() const { return Int32(wire::kAgeAtFirstSanction); }

  bool has_previous_convictions() const { return Has(wire::kPreviousConvictions); }
  struct Convictions {
    absl::Span<const int32_t> t;
    absl::Span<const int32_t> types() const { return t; }
  };
  Convictions previous_convictions() const {
    return Convictions{absl::Span<const int32_t>(types_, static_cast<size_t>(type_count_))};
  }

  // OasysAnswers (an absent message reads as all defaults, as protobuf's).
  struct Answers {
    const WireAssessment* a;
    bool has_weapon_involved() const { return a->Has(wire::kWeaponInvolved); }
    bool has_unemployed() const { return a->Has(wire::kUnemployed); }
    bool has_domestic_abuse_evidence() const { return a->Has(wire::kDomesticAbuseEvidence); }
    bool weapon_involved() const { return a->Bool(wire::kWeaponInvolved); }
    bool unemployed() const { return a->Bool(wire::kUnemployed); }
    bool domestic_abuse_evidence() const { return a->Bool(wire::kDomesticAbuseEvidence); }
    v1::ProblemLevel accommodation_suitability() const { return Level(wire::kAccommodationSuitability); }
    v1::ProblemLevel partner_relationship() const { return Level(wire::kPartnerRelationship); }
    v1::ProblemLevel regular_offending_activities() const {
      return Level(wire::kRegularOffendingActivities);
    }
    v1::ProblemLevel current_alcohol_use() const { return Level(wire::kCurrentAlcoholUse); }
    v1::ProblemLevel excessive_alcohol_use() const { return Level(wire::kExcessiveAlcoholUse); }
    v1::ProblemLevel impulsivity() const { return Level(wire::kImpulsivity); }
    v1::ProblemLevel temper_control() const { return Level(wire::kTemperControl); }
    v1::ProblemLevel pro_criminal_attitudes() const { return Level(wire::kProCriminalAttitudes); }
    v1::MotivationLevel drug_misuse_motivation() const {
      return static_cast<v1::MotivationLevel>(a->Int32(wire::kDrugMisuseMotivation));
    }
    v1::RelationshipStatus relationship_status() const {
      return static_cast<v1::RelationshipStatus>(a->Int32(wire::kRelationshipStatus));
    }
    bool heroin() const { return a->Bool(wire::kHeroin); }
    bool methadone() const { return a->Bool(wire::kMethadone); }
    bool other_opiate() const { return a->Bool(wire::kOtherOpiate); }
    bool crack_cocaine() const { return a->Bool(wire::kCrackCocaine); }
    bool powder_cocaine() const { return a->Bool(wire::kPowderCocaine); }
    bool misused_prescription_drug() const { return a->Bool(wire::kMisusedPrescriptionDrug); }
    bool benzodiazepines() const { return a->Bool(wire::kBenzodiazepines); }
    bool cannabis() const { return a->Bool(wire::kCannabis); }
    bool steroids() const { return a->Bool(wire::kSteroids); }
    bool other_drugs() const { return a->Bool(wire::kOtherDrugs); }
    bool ketamine() const { return a->Bool(wire::kKetamine); }
    bool spice() const { return a->Bool(wire::kSpice); }
    bool hallucinogens() const { return a->Bool(wire::kHallucinogens); }
    bool solvents() const { return a->Bool(wire::kSolvents); }

   private:
    v1::ProblemLevel Level(int slot) const { return static_cast<v1::ProblemLevel>(a->Int32(slot)); }
  };
  Answers answers() const { return Answers{this}; }

 private:
  friend class WireDecoderAccess;
  bool Has(int slot) const { return present_[slot] != 0; }
  // protobuf's int32 and enum fields keep the low 32 bits of the varint;
  // bool fields are "varint != 0".
  int32_t Int32(int slot) const { return static_cast<int32_t>(static_cast<uint32_t>(values_[slot])); }
  bool Bool(int slot) const { return values_[slot] != 0; }

  // [0, kSlotCount): the fields; the rest takes skipped fields' stores.
  static constexpr int kStorage = wire::kSlotCount + wire::kSkipSlot;
  int64_t values_[kStorage] = {};
  uint8_t present_[kStorage] = {};
  std::string_view strings_[wire::kStringCount];
  int32_t types_[kMaxPreviousConvictions];
  int type_count_ = 0;
};

// See the contract above. `out` is cleared first.
bool DecodeAssessment(std::string_view bytes, WireAssessment* out);

}  // namespace assay::batch

#endif  // ASSAY_ENGINE_BATCH_WIRE_DECODER_H_
