#include "engine/kernels/feature_batch.h"

#include <cstring>

namespace assay::kernels {
namespace {

uint64_t ModeBits(Mode arp, Mode vrp, Mode svrp) {
  return (static_cast<uint64_t>(arp) << bits::kArpMode) |
         (static_cast<uint64_t>(vrp) << bits::kVrpMode) |
         (static_cast<uint64_t>(svrp) << bits::kSvrpMode);
}

// The answers word (kernel_api.h bits::*) of one lane.
uint64_t PackAnswers(const scoring::ReoffendingFeatures& f) {
  using U = uint64_t;
  U w = 0;
  w |= U(f.female != 0) << bits::kFemale;
  w |= U(f.accommodation & 3) << bits::kAccommodation;
  w |= U(f.partner_relationship & 3) << bits::kPartnerRelationship;
  w |= U(f.regular_activities & 3) << bits::kRegularActivities;
  w |= U(f.drug_motivation & 3) << bits::kDrugMotivation;
  w |= U(f.current_alcohol & 3) << bits::kCurrentAlcohol;
  w |= U(f.excessive_alcohol & 3) << bits::kExcessiveAlcohol;
  w |= U(f.impulsivity & 3) << bits::kImpulsivity;
  w |= U(f.temper & 3) << bits::kTemper;
  w |= U(f.pro_criminal & 3) << bits::kProCriminal;
  // features.h stores 4.2 as 0/2 (quirk 5); the kernel doubles the bit back.
  w |= U(f.unemployed != 0) << bits::kUnemployed;
  w |= U(f.living_with_partner != 0) << bits::kLivingWithPartner;
  w |= U(f.domestic_abuse != 0) << bits::kDomesticAbuse;
  w |= U(f.weapon != 0) << bits::kWeapon;
  const auto drug = [&](uint16_t bit, int shift) { w |= U((f.drugs & bit) != 0) << shift; };
  drug(scoring::kDrugHeroin, bits::kHeroin);
  drug(scoring::kDrugMethadone, bits::kMethadone);
  drug(scoring::kDrugOtherOpiate, bits::kOtherOpiate);
  drug(scoring::kDrugCrackCocaine, bits::kCrackCocaine);
  drug(scoring::kDrugPowderCocaine, bits::kPowderCocaine);
  drug(scoring::kDrugMisusedPrescription, bits::kMisusedPrescription);
  drug(scoring::kDrugBenzodiazepines, bits::kBenzodiazepines);
  drug(scoring::kDrugCannabis, bits::kCannabis);
  drug(scoring::kDrugSteroids, bits::kSteroids);
  drug(scoring::kOtherDrugsGroup, bits::kOtherDrugsGroup);
  w |= U(f.previous_convictions & 0x1FF) << bits::kPastConvictions;
  return w;
}

}  // namespace

void FeatureBatch::Clear() { size_ = 0; }

void FeatureBatch::Reserve(size_t lanes) {
  if (lanes > capacity_) Grow(lanes);
}

void FeatureBatch::Grow(size_t lanes) {
  // Capacity is kept a multiple of kLanePadding so padding never reallocates.
  size_t capacity = capacity_ == 0 ? 256 : capacity_;
  while (capacity < lanes) capacity *= 2;
  capacity = (capacity + kLanePadding - 1) / kLanePadding * kLanePadding;
  for (auto* column : {&age_, &ofm_, &sanctions_, &violent_, &years_, &rate_g_, &rate_vg_,
                       &rate_v_, &ogrs3_age_gender_, &ogrs3_offence_, &ogrs3_copas_rate_}) {
    column->resize(capacity);
  }
  category_.resize(capacity);
  answers_.resize(capacity);
  features_.resize(capacity);
  capacity_ = capacity;
}

void FeatureBatch::SetLane(size_t i, const scoring::ReoffendingFeatures& f, uint64_t modes) {
  age_[i] = f.age_at_followup;
  ofm_[i] = f.offence_free_months;
  sanctions_[i] = f.total_sanctions;
  violent_[i] = f.violent_sanctions;
  years_[i] = f.years_since_first;
  rate_g_[i] = f.copas_general_rate;
  rate_vg_[i] = f.copas_violent_general_rate;
  rate_v_[i] = f.violent_rate;
  category_[i] = static_cast<int64_t>(f.category);
  answers_[i] = PackAnswers(f) | modes;
  ogrs3_age_gender_[i] = 0;
  ogrs3_offence_[i] = 0;
  ogrs3_copas_rate_[i] = 0;
  features_[i] = f;
}

void FeatureBatch::SetOgrs3(size_t i, const scoring::Ogrs3Inputs& in) {
  ogrs3_age_gender_[i] = in.age_gender;
  ogrs3_offence_[i] = in.offence_parameter;
  ogrs3_copas_rate_[i] = in.copas_rate;
  // The OGRS3 kernel reads S from the shared sanctions column. A lane whose
  // reoffending predictors are all unscored holds empty features there (S =
  // 0) though OGRS3 may be scorable, so S is written here: it is the same
  // a.total_sanctions() whenever the reoffending features exist, and the
  // reoffending kernels mask unscored lanes' outputs whatever their inputs.
  sanctions_[i] = in.total_sanctions;
  answers_[i] |= uint64_t{1} << bits::kOgrs3Ok;
}

scoring::Ogrs3Inputs FeatureBatch::ogrs3_inputs(size_t lane) const {
  scoring::Ogrs3Inputs in;
  in.age_gender = ogrs3_age_gender_[lane];
  in.total_sanctions = static_cast<int>(sanctions_[lane]);
  in.copas_rate = ogrs3_copas_rate_[lane];
  in.offence_parameter = ogrs3_offence_[lane];
  return in;
}

void FeatureBatch::AppendFeatures(const scoring::ReoffendingFeatures& features, Mode arp, Mode vrp,
                                  Mode svrp, const scoring::Ogrs3Inputs* ogrs3) {
  if (size_ + 1 > capacity_) Grow(size_ + 1);
  SetLane(size_, features, ModeBits(arp, vrp, svrp));
  if (ogrs3 != nullptr) SetOgrs3(size_, *ogrs3);
  ++size_;
}

void FeatureBatch::Pad() {
  const size_t padded = padded_size();
  if (padded > capacity_) Grow(padded);
  static const scoring::ReoffendingFeatures kEmpty{};
  for (size_t i = size_; i < padded; ++i) SetLane(i, kEmpty, 0);
}

FeatureView FeatureBatch::view() {
  Pad();
  FeatureView v;
  v.size = padded_size();
  v.age = age_.data();
  v.offence_free_months = ofm_.data();
  v.sanctions = sanctions_.data();
  v.violent = violent_.data();
  v.years_since_first = years_.data();
  v.copas_general_rate = rate_g_.data();
  v.copas_violent_general_rate = rate_vg_.data();
  v.violent_rate = rate_v_.data();
  v.category = category_.data();
  v.answers = answers_.data();
  v.ogrs3_age_gender = ogrs3_age_gender_.data();
  v.ogrs3_offence = ogrs3_offence_.data();
  v.ogrs3_copas_rate = ogrs3_copas_rate_.data();
  return v;
}

Mode FeatureBatch::mode(size_t lane, Predictor predictor) const {
  const uint64_t w = answers_[lane];
  switch (predictor) {
    case Predictor::kArp: return static_cast<Mode>((w >> bits::kArpMode) & 3);
    case Predictor::kVrp: return static_cast<Mode>((w >> bits::kVrpMode) & 3);
    case Predictor::kSvrp: return static_cast<Mode>((w >> bits::kSvrpMode) & 3);
    case Predictor::kOgrs3: return ((w >> bits::kOgrs3Ok) & 1) ? Mode::kStatic : Mode::kNotScored;
  }
  return Mode::kNotScored;
}

void ScoreColumns::Resize(size_t padded_lanes) {
  if (padded_lanes > probability_[0].size()) {
    for (int p = 0; p < kPredictorCount; ++p) {
      probability_[p].resize(padded_lanes);
      percentage_[p].resize(padded_lanes);
      code_[p].resize(padded_lanes);
    }
    ogrs3_one_year_probability_.resize(padded_lanes);
    ogrs3_one_year_percent_.resize(padded_lanes);
  }
  size_ = padded_lanes;
}

ReoffendingOut ScoreColumns::reoffending() {
  ReoffendingOut out;
  PredictorOut* outs[] = {&out.arp, &out.vrp, &out.svrp};
  for (int p = 0; p < 3; ++p) {
    outs[p]->probability = probability_[p].data();
    outs[p]->percentage = percentage_[p].data();
    outs[p]->code = code_[p].data();
  }
  return out;
}

Ogrs3Out ScoreColumns::ogrs3() {
  const int o = static_cast<int>(Predictor::kOgrs3);
  Ogrs3Out out;
  out.one_year_probability = ogrs3_one_year_probability_.data();
  out.two_year_probability = probability_[o].data();
  out.one_year_percent = ogrs3_one_year_percent_.data();
  out.two_year_percent = percentage_[o].data();
  out.code = code_[o].data();
  return out;
}

}  // namespace assay::kernels
