// A columnar (structure-of-arrays) block of derived actuarial features.
//
// Contract:
//   - One lane per assessment. Columns are 64-byte aligned and padded to a
//     multiple of kLanePadding lanes (padding lanes are "not scored"), so
//     the SIMD kernels run whole vectors.
//   - Filled either from v1::Assessment records (AppendAssessment: the
//     scalar reference's own validation, ValidateArp/Vrp/Svrp, decides each
//     predictor's mode, and the scalar DeriveReoffendingFeatures derives the
//     features) or from already-derived features (AppendFeatures), e.g.
//     columns parsed by another front end.
//   - OGRS3 (§12.1) has its own lane inputs: AppendAssessment validates it
//     with the scalar reference's ValidateOgrs3 (or, for clean records, an
//     integer fast check proven equivalent by the tests) and fills its
//     columns and the kOgrs3Ok bit; its errors are listed under
//     Predictor::kOgrs3. AppendFeatures lanes have no OGRS3 inputs unless
//     given: without them OGRS3 is "not scored" there.
//   - Clear() keeps every column's capacity: a FeatureBatch reused block
//     after block allocates nothing per valid record once it has grown.
//     Validation errors (a static-fallback record has a few) are kept in a
//     side list on the batch's own arena, which Clear() rewinds: after the
//     first blocks they cost no malloc either.
//   - Not thread-safe; use one FeatureBatch per thread.
#ifndef ASSAY_ENGINE_BATCH_FEATURE_BATCH_H_
#define ASSAY_ENGINE_BATCH_FEATURE_BATCH_H_

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>
#include <vector>

#include "engine/batch/kernel_api.h"
#include "engine/batch/wire_decoder.h"
#include "google/protobuf/arena.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "schemas/assessment.pb.h"
#include "schemas/score.pb.h"
#include "scoring/features.h"
#include "scoring/offence_table.h"
#include "scoring/ogrs3.h"

namespace assay::batch {

// std::allocator with 64-byte alignment (a cache line; an AVX-512 vector).
template <typename T>
struct AlignedAllocator {
  using value_type = T;
  AlignedAllocator() = default;
  template <typename U>
  AlignedAllocator(const AlignedAllocator<U>&) {}
  T* allocate(size_t n) {
    void* p = ::operator new(n * sizeof(T), std::align_val_t(64));
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t) { ::operator delete(p, std::align_val_t(64)); }
  template <typename U>
  bool operator==(const AlignedAllocator<U>&) const { return true; }
};
template <typename T>
using AlignedVector = std::vector<T, AlignedAllocator<T>>;

enum class Predictor : uint8_t { kArp = 0, kVrp = 1, kSvrp = 2, kOgrs3 = 3 };
inline constexpr int kPredictorCount = 4;

// The validation errors of one lane and predictor (only lanes that have
// any are listed). `errors` lives on the batch's arena: valid until the
// batch's next Clear().
struct LaneErrors {
  uint32_t lane;
  Predictor predictor;
  const google::protobuf::RepeatedPtrField<v1::ValidationError>* errors;
};

class FeatureBatch {
 public:
  FeatureBatch();
  FeatureBatch(const FeatureBatch&) = delete;
  FeatureBatch& operator=(const FeatureBatch&) = delete;

  // Removes every lane; keeps capacity.
  void Clear();
  void Reserve(size_t lanes);

  // Validates and derives one assessment. Its validation errors (static and
  // dynamic, as the scalar scorers report them) are kept in errors().
  void AppendAssessment(const v1::Assessment& assessment, const scoring::OffenceTable& offences);

  // A lane from a record the wire decoder read (wire_decoder.h), only when
  // its static inputs are clean (FastDeriveStatic accepts it, and OGRS3's
  // inputs pass the fast check AppendAssessment applies to clean records).
  // Unanswered or unknown dynamic items are validated by the reference's
  // own dynamic validation (scoring/reoffending_dynamic.h): the lane, its
  // modes and its errors are exactly what AppendAssessment would append.
  // Otherwise returns false and appends nothing; the caller parses the
  // record and calls AppendAssessment.
  bool AppendWire(const WireAssessment& assessment, const scoring::OffenceTable& offences);

  // A lane from already-derived features and the predictors' modes
  // (kNotScored for a predictor that failed validation).
  void AppendFeatures(const scoring::ReoffendingFeatures& features, Mode arp, Mode vrp, Mode svrp,
                      const scoring::Ogrs3Inputs* ogrs3 = nullptr);

  size_t size() const { return size_; }
  // size() rounded up to kLanePadding; padding lanes are "not scored".
  size_t padded_size() const { return (size_ + kLanePadding - 1) / kLanePadding * kLanePadding; }

  // Column view for the kernels; pads the columns first.
  FeatureView view();

  Mode mode(size_t lane, Predictor predictor) const;
  const scoring::ReoffendingFeatures& features(size_t lane) const { return features_[lane]; }
  // OGRS3's inputs of a lane whose mode(lane, kOgrs3) is not kNotScored.
  scoring::Ogrs3Inputs ogrs3_inputs(size_t lane) const;
  const std::vector<LaneErrors>& errors() const { return errors_; }

 private:
  void Grow(size_t lanes);
  void SetLane(size_t lane, const scoring::ReoffendingFeatures& f, uint64_t modes);
  void SetOgrs3(size_t lane, const scoring::Ogrs3Inputs& in);
  // OGRS3's validation and inputs for the lane being appended; `clean` is
  // the lane's features when FastDeriveClean accepted the record.
  void AppendOgrs3(const v1::Assessment& a, const scoring::OffenceTable& offences,
                   const scoring::ReoffendingFeatures* clean);
  void Pad();
  // An empty error list on the arena for the next validation to fill.
  google::protobuf::RepeatedPtrField<v1::ValidationError>* ErrorScratch();
  // Lists the scratch under (lane, predictor) if the validation filled it.
  void KeepErrors(uint32_t lane, Predictor predictor);

  size_t size_ = 0;
  size_t capacity_ = 0;
  AlignedVector<double> age_, ofm_, sanctions_, violent_, years_;
  AlignedVector<double> rate_g_, rate_vg_, rate_v_;
  AlignedVector<int64_t> category_;
  AlignedVector<uint64_t> answers_;
  AlignedVector<double> ogrs3_age_gender_, ogrs3_offence_, ogrs3_copas_rate_;
  // Array-of-structs copy of each lane's features, for the scalar path and
  // for lanes the kernels send to the precise path.
  std::vector<scoring::ReoffendingFeatures> features_;
  std::vector<LaneErrors> errors_;
  // The first arena block is owned here (Reset() keeps it), so a batch
  // reused block after block allocates for errors only when a block has
  // unusually many.
  static constexpr size_t kErrorArenaBlock = 256 << 10;
  std::unique_ptr<char[]> error_arena_memory_;
  std::unique_ptr<google::protobuf::Arena> error_arena_;
  google::protobuf::RepeatedPtrField<v1::ValidationError>* error_scratch_ = nullptr;
};

// Kernel outputs, one lane per assessment, padded like the features.
class ScoreColumns {
 public:
  void Resize(size_t padded_lanes);
  size_t size() const { return size_; }

  ReoffendingOut reoffending();
  Ogrs3Out ogrs3();

  // Per predictor: probability, percentage and code (kernel_api.h).
  double* probability(Predictor p) { return probability_[static_cast<int>(p)].data(); }
  double* percentage(Predictor p) { return percentage_[static_cast<int>(p)].data(); }
  double* code(Predictor p) { return code_[static_cast<int>(p)].data(); }
  const double* probability(Predictor p) const { return probability_[static_cast<int>(p)].data(); }
  const double* percentage(Predictor p) const { return percentage_[static_cast<int>(p)].data(); }
  const double* code(Predictor p) const { return code_[static_cast<int>(p)].data(); }
  // OGRS3's 1-year horizon.
  const double* ogrs3_one_year_probability() const { return ogrs3_one_year_probability_.data(); }
  const double* ogrs3_one_year_percent() const { return ogrs3_one_year_percent_.data(); }
  double* ogrs3_one_year_probability() { return ogrs3_one_year_probability_.data(); }
  double* ogrs3_one_year_percent() { return ogrs3_one_year_percent_.data(); }

 private:
  size_t size_ = 0;
  AlignedVector<double> probability_[kPredictorCount];
  AlignedVector<double> percentage_[kPredictorCount];
  AlignedVector<double> code_[kPredictorCount];
  AlignedVector<double> ogrs3_one_year_probability_, ogrs3_one_year_percent_;
};

}  // namespace assay::batch

#endif  // ASSAY_ENGINE_BATCH_FEATURE_BATCH_H_
