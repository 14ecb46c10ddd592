// A columnar (structure-of-arrays) block of derived actuarial features, and
// the kernels' output columns.
//
// Contract:
//   - One lane per assessment. Columns are 64-byte aligned and padded to a
//     multiple of kLanePadding lanes (padding lanes are "not scored"), so
//     the SIMD kernels run whole vectors.
//   - Filled from already-derived features (AppendFeatures): the caller has
//     validated each record and derived its features with the scalar
//     reference's own code (scoring/reoffending.h ValidateArp etc.,
//     DeriveReoffendingFeatures, ValidateOgrs3), so a lane's modes are the
//     reference's. This package knows nothing about records, messages or
//     I/O: features in, scores out.
//   - OGRS3 (§12.1) has its own lane inputs; a lane without them has OGRS3
//     "not scored".
//   - Clear() keeps every column's capacity: a FeatureBatch reused block
//     after block allocates nothing once it has grown.
//   - Not thread-safe; use one FeatureBatch per thread.
#ifndef ASSAY_ENGINE_KERNELS_FEATURE_BATCH_H_
#define ASSAY_ENGINE_KERNELS_FEATURE_BATCH_H_

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>
#include <vector>

#include "engine/kernels/kernel_api.h"
#include "scoring/features.h"
#include "scoring/offence_table.h"
#include "scoring/ogrs3.h"

namespace assay::kernels {

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

class FeatureBatch {
 public:
  FeatureBatch() = default;
  FeatureBatch(const FeatureBatch&) = delete;
  FeatureBatch& operator=(const FeatureBatch&) = delete;

  // Removes every lane; keeps capacity.
  void Clear();
  void Reserve(size_t lanes);

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

 private:
  void Grow(size_t lanes);
  void SetLane(size_t lane, const scoring::ReoffendingFeatures& f, uint64_t modes);
  void SetOgrs3(size_t lane, const scoring::Ogrs3Inputs& in);
  void Pad();

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

}  // namespace assay::kernels

#endif  // ASSAY_ENGINE_KERNELS_FEATURE_BATCH_H_
