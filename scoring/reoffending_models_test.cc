// Cross-checks the transcribed coefficient tables against
// scoring/data/coefficients.json, value by value, and the band thresholds.
#include "scoring/reoffending_models.h"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace assay::scoring {
namespace {

// A minimal JSON reader for the coefficients file: flattens every string
// leaf to "a/b/c" -> text (arrays index as "a/0"). Enough for a test.
class FlatJson {
 public:
  explicit FlatJson(std::string text) : text_(std::move(text)) {
    Value("");
    SkipSpace();
    ok_ = ok_ && pos_ == text_.size();
  }
  bool ok() const { return ok_; }
  bool Has(const std::string& path) const { return leaves_.count(path) > 0; }
  // Number of distinct children of `prefix` ("a/b/" -> count of "a/b/x/...").
  int CountChildren(const std::string& prefix) const {
    std::map<std::string, int> children;
    for (auto it = leaves_.lower_bound(prefix); it != leaves_.end(); ++it) {
      if (it->first.compare(0, prefix.size(), prefix) != 0) break;
      const std::string rest = it->first.substr(prefix.size());
      children[rest.substr(0, rest.find('/'))] = 1;
    }
    return static_cast<int>(children.size());
  }
  const std::string& Get(const std::string& path) const {
    static const std::string kMissing = "<missing>";
    auto it = leaves_.find(path);
    return it == leaves_.end() ? kMissing : it->second;
  }

 private:
  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  std::string String() {
    std::string out;
    ++pos_;  // opening quote
    while (pos_ < text_.size() && text_[pos_] != '"') {
      if (text_[pos_] == '\\') ++pos_;
      out += text_[pos_++];
    }
    ++pos_;
    return out;
  }
  void Value(const std::string& path) {
    SkipSpace();
    if (pos_ >= text_.size()) {
      ok_ = false;
      return;
    }
    const char c = text_[pos_];
    if (c == '{' || c == '[') {
      const char close = c == '{' ? '}' : ']';
      ++pos_;
      int index = 0;
      for (;;) {
        SkipSpace();
        if (pos_ < text_.size() && text_[pos_] == close) {
          ++pos_;
          return;
        }
        std::string key = std::to_string(index++);
        if (c == '{') {
          key = String();
          SkipSpace();
          ++pos_;  // colon
        }
        Value(path.empty() ? key : path + "/" + key);
        SkipSpace();
        if (pos_ < text_.size() && text_[pos_] == ',') ++pos_;
        if (!ok_ || pos_ >= text_.size()) {
          ok_ = false;
          return;
        }
      }
    }
    if (c == '"') {
      leaves_[path] = String();
      return;
    }
    // null / numbers / booleans
    const size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '}' && text_[pos_] != ']' &&
           !std::isspace(static_cast<unsigned char>(text_[pos_]))) {
      ++pos_;
    }
    leaves_[path] = text_.substr(start, pos_ - start);
  }

  std::string text_;
  size_t pos_ = 0;
  bool ok_ = true;
  std::map<std::string, std::string> leaves_;
};

const FlatJson& Coefficients() {
  static const FlatJson* json = [] {
    std::ifstream in("scoring/data/coefficients.json");
    std::stringstream buffer;
    buffer << in.rdbuf();
    return new FlatJson(buffer.str());
  }();
  return *json;
}

constexpr const char* kCategoryKeys[kOffenceCategoryCount] = {
    "UNKNOWN",
    "BURGLARY_DOMESTIC",
    "BURGLARY_OTHER",
    "DRUNKENNESS",
    "DRINK_DRIVING",
    "MOTORING_OFFENCES",
    "VEHICLE_RELATED_THEFT",
    "FRAUD_AND_FORGERY",
    "WELFARE_FRAUD",
    "DRUG_IMPORT_EXPORT_OR_PRODUCTION",
    "DRUG_POSSESSION_OR_SUPPLY",
    "VIOLENCE_AGAINST_THE_PERSON_ABH_PLUS",
    "VIOLENCE_AGAINST_THE_PERSON_SUB_ABH",
    "PUBLIC_ORDER_AND_HARRASSMENT",
    "WEAPONS_NON_FIREARM",
    "FIREARMS_MOST_SERIOUS",
    "FIREARMS_OTHER",
    "HANDLING_STOLEN_GOODS",
    "CRIMINAL_DAMAGE",
    "ACQUISITIVE_VIOLENCE",
    "OTHER_OFFENCES",
    "ABSCONDING_OR_BAIL",
    "SEXUAL_AGAINST_CHILD",
    "SEXUAL_NOT_AGAINST_CHILD",
    "THEFT_NON_MOTOR",
};

// key -> value of one coefficient set; keys absent from the JSON must be 0.
using Fields = std::vector<std::pair<std::string, double>>;

template <typename C>
Fields Common(const C& c) {
  return {
      {"TWO_YEAR_CONSTANT", c.intercept},
      {"AAI_MALE", c.age_male[0]},
      {"AAI_QUADRATIC_MALE", c.age_male[1]},
      {"AAI_CUBIC_MALE", c.age_male[2]},
      {"AAI_QUARTIC_MALE", c.age_male[3]},
      {"AAI_FEMALE", c.age_female[0]},
      {"AAI_QUADRATIC_FEMALE", c.age_female[1]},
      {"AAI_CUBIC_FEMALE", c.age_female[2]},
      {"AAI_QUARTIC_FEMALE", c.age_female[3]},
      {"FEMALE", c.female},
      {"FIRST_SANCTION", c.first_sanction},
      {"SECOND_SANCTION", c.second_sanction},
      {"SANCTION_OCCASIONS", c.sanction_occasions},
      {"YRS_BETWEEN_FIRST_AND_SECOND_SANCTION_MALE", c.second_sanction_gap_male},
      {"YRS_BETWEEN_FIRST_AND_SECOND_SANCTION_FEMALE", c.second_sanction_gap_female},
      {"OFFENCE_FREE_MONTHS", c.offence_free_months[0]},
      {"OFFENCE_FREE_MONTHS_QUADRATIC", c.offence_free_months[1]},
      {"OFFENCE_FREE_MONTHS_CUBIC", c.offence_free_months[2]},
      {"OFFENCE_FREE_MONTHS_QUARTIC", c.offence_free_months[3]},
  };
}

Fields Arp(const ArpCoefficients<double>& c) {
  Fields f = Common(c);
  f.insert(f.end(), {
                        {"THREE_PLUS_SANCTIONS_COPAS_G_MALE", c.copas_male},
                        {"THREE_PLUS_SANCTIONS_COPAS_SQUARED_MALE", c.copas_squared_male},
                        {"THREE_PLUS_SANCTIONS_COPAS_G_FEMALE", c.copas_female},
                        {"THREE_PLUS_SANCTIONS_COPAS_SQUARED_FEMALE", c.copas_squared_female},
                        {"ACCOMMODATION_SUITABILITY", c.accommodation},
                        {"UNEMPLOYED", c.unemployed},
                        {"LIVE_IN_RELATIONSHIP", c.live_in_relationship},
                        {"RELATIONSHIP_QUALITY", c.relationship_quality},
                        {"QUALITY_OF_LIVE_IN_RELATIONSHIP", c.quality_of_live_in_relationship},
                        {"DOMESTIC_ABUSE", c.domestic_abuse},
                        {"ACTIVITIES_ENCOURAGE_OFFENDING", c.activities_encourage_offending},
                        {"MOTIVATION_TO_TACKLE_DRUG_MISUSE", c.drug_motivation},
                        {"CHRONIC_DRINKING", c.chronic_drinking},
                        {"BINGE_DRINKING", c.binge_drinking},
                        {"IMPULSIVITY", c.impulsivity},
                        {"PRO_CRIMINAL_ATTITUDE", c.pro_criminal_attitude},
                        {"HEROIN", c.heroin},
                        {"OTHER_OPIATE", c.other_opiate},
                        {"CRACK_COCAINE", c.crack_cocaine},
                        {"POWDER_COCAINE", c.powder_cocaine},
                        {"PRESCRIPTION_DRUG_MISUSE", c.prescription_drug_misuse},
                        {"BENZODIAZEPINES", c.benzodiazepines},
                        {"CANNABIS", c.cannabis},
                        {"STEROIDS", c.steroids},
                        {"OTHER_DRUGS", c.other_drugs},
                    });
  return f;
}

template <typename C>
Fields Violent(const C& c) {
  Fields f = Common(c);
  f.insert(f.end(), {
                        {"THREE_PLUS_SANCTIONS_COPAS_V_MALE", c.copas_violent_male},
                        {"THREE_PLUS_SANCTIONS_COPAS_V_FEMALE", c.copas_violent_female},
                        {"NEVER_VIOLENT_MALE", c.never_violent_male},
                        {"NEVER_VIOLENT_FEMALE", c.never_violent_female},
                        {"ONCE_VIOLENT", c.once_violent},
                        {"VIOLENT_SANCTIONS", c.violent_sanctions},
                        {"VIOLENT_RATE", c.violent_rate},
                    });
  return f;
}

Fields Vrp(const VrpCoefficients<double>& c) {
  Fields f = Violent(c);
  f.insert(f.end(), {
                        {"ACCOMMODATION_SUITABILITY", c.accommodation},
                        {"UNEMPLOYED", c.unemployed},
                        {"LIVE_IN_RELATIONSHIP", c.live_in_relationship},
                        {"RELATIONSHIP_QUALITY", c.relationship_quality},
                        {"QUALITY_OF_LIVE_IN_RELATIONSHIP", c.quality_of_live_in_relationship},
                        {"DOMESTIC_ABUSE", c.domestic_abuse},
                        {"ACTIVITIES_ENCOURAGE_OFFENDING", c.activities_encourage_offending},
                        {"MOTIVATION_TO_TACKLE_DRUG_MISUSE", c.drug_motivation},
                        {"CHRONIC_DRINKING", c.chronic_drinking},
                        {"BINGE_DRINKING", c.binge_drinking},
                        {"IMPULSIVITY", c.impulsivity},
                        {"TEMPER", c.temper},
                        {"METHADONE", c.methadone},
                        {"OTHER_OPIATE", c.other_opiate},
                        {"CRACK_COCAINE", c.crack_cocaine},
                        {"POWDER_COCAINE", c.powder_cocaine},
                        {"PRESCRIPTION_DRUG_MISUSE", c.prescription_drug_misuse},
                        {"BENZODIAZEPINES", c.benzodiazepines},
                        {"CANNABIS", c.cannabis},
                        {"STEROIDS", c.steroids},
                        {"OTHER_DRUGS", c.other_drugs},
                    });
  return f;
}

Fields Svrp(const SvrpCoefficients<double>& c) {
  Fields f = Violent(c);
  f.insert(f.end(), {
                        {"CARRY_OR_USE_WEAPON", c.carry_or_use_weapon},
                        {"ACCOMMODATION_SUITABILITY", c.accommodation},
                        {"UNEMPLOYED", c.unemployed},
                        {"CHRONIC_DRINKING", c.chronic_drinking},
                        {"TEMPER", c.temper},
                        {"PRO_CRIMINAL_ATTITUDE", c.pro_criminal_attitude},
                        {"PAST_HOMICIDE_OFFENCE", c.past[0]},
                        {"PAST_GBH_OFFENCE", c.past[1]},
                        {"PAST_KIDNAPPING_OFFENCE", c.past[2]},
                        {"PAST_FIREARMS_OFFENCE", c.past[3]},
                        {"PAST_ROBBERY_OFFENCE", c.past[4]},
                        {"PAST_AGGRAVATED_BURGLARY_OFFENCE", c.past[5]},
                        {"PAST_WEAPON_OFFENCE", c.past[6]},
                        {"PAST_CRIMINAL_DAMAGE_OFFENCE", c.past[7]},
                        {"PAST_ARSON_OFFENCE", c.past[8]},
                    });
  return f;
}

void CheckModel(const std::string& model, ModelVariant variant, const Fields& fields,
                const OffenceCoefficients<double>& offence,
                const OffenceCoefficients<Quad>& offence_quad, ReoffendingModel which) {
  const FlatJson& json = Coefficients();
  ASSERT_TRUE(json.ok());
  const std::string base =
      model + (variant == ModelVariant::kDynamic ? "/dynamic/" : "/static/");
  int in_json = 0;
  for (const auto& [key, value] : fields) {
    const std::string path = base + "coefficients/" + key + "/value";
    if (json.Has(path)) {
      ++in_json;
      // The double literal of the reference, exactly.
      EXPECT_EQ(value, std::strtod(json.Get(path).c_str(), nullptr)) << path;
    } else {
      EXPECT_EQ(value, 0.0) << path << " is not in the model and must be 0";
    }
  }
  // Every coefficient of the JSON is held by a field.
  EXPECT_GT(in_json, 20);
  EXPECT_EQ(in_json, json.CountChildren(base + "coefficients/")) << base;

  for (int i = 1; i < kOffenceCategoryCount; ++i) {
    const std::string path = base + "offence_category_coefficients/" + kCategoryKeys[i] + "/value";
    ASSERT_TRUE(json.Has(path)) << path;
    const std::string& text = json.Get(path);
    const auto category = static_cast<OffenceCategory>(i);
    EXPECT_EQ(OffenceCoefficientDecimal(which, variant, category), text) << path;
    EXPECT_EQ(offence[i], std::strtod(text.c_str(), nullptr)) << path;
    EXPECT_TRUE(offence_quad[i] == QuadFromDecimal(text.c_str())) << path;
    const std::string components = base + "offence_category_coefficients/" + kCategoryKeys[i];
    if (json.Has(components + "/components/0")) {
      const std::string& a = json.Get(components + "/components/0");
      const std::string& b = json.Get(components + "/components/1");
      EXPECT_EQ(OffenceCoefficientComponent(which, variant, category, 0), a);
      EXPECT_EQ(OffenceCoefficientComponent(which, variant, category, 1), b);
      // The value is the exact decimal sum of the two literals: in binary128
      // the two roundings differ by far less than 1e-30.
      const Quad diff = QuadFromDecimal(text.c_str()) -
                        (QuadFromDecimal(a.c_str()) + QuadFromDecimal(b.c_str()));
      EXPECT_LT(static_cast<double>(diff < 0 ? -diff : diff), 1e-30) << path;
    }
  }
}

TEST(ReoffendingModelsTest, ArpMatchesCoefficientsJson) {
  for (ModelVariant v : {ModelVariant::kStatic, ModelVariant::kDynamic}) {
    CheckModel("ARP", v, Arp(ArpModel<double>(v)), ArpModel<double>(v).offence,
               ArpModel<Quad>(v).offence, ReoffendingModel::kArp);
  }
}

TEST(ReoffendingModelsTest, VrpMatchesCoefficientsJson) {
  for (ModelVariant v : {ModelVariant::kStatic, ModelVariant::kDynamic}) {
    CheckModel("VRP", v, Vrp(VrpModel<double>(v)), VrpModel<double>(v).offence,
               VrpModel<Quad>(v).offence, ReoffendingModel::kVrp);
  }
}

TEST(ReoffendingModelsTest, SvrpMatchesCoefficientsJson) {
  for (ModelVariant v : {ModelVariant::kStatic, ModelVariant::kDynamic}) {
    CheckModel("SVRP", v, Svrp(SvrpModel<double>(v)), SvrpModel<double>(v).offence,
               SvrpModel<Quad>(v).offence, ReoffendingModel::kSvrp);
  }
}

TEST(ReoffendingModelsTest, QuadModelsHoldTheSameBinaryValues) {
  for (ModelVariant v : {ModelVariant::kStatic, ModelVariant::kDynamic}) {
    EXPECT_EQ(ArpModel<double>(v).dynamic, v == ModelVariant::kDynamic);
    EXPECT_TRUE(Quad(ArpModel<double>(v).intercept) == ArpModel<Quad>(v).intercept);
    EXPECT_TRUE(Quad(VrpModel<double>(v).violent_rate) == VrpModel<Quad>(v).violent_rate);
    EXPECT_TRUE(Quad(SvrpModel<double>(v).age_male[1]) == SvrpModel<Quad>(v).age_male[1]);
    EXPECT_EQ(SvrpModel<Quad>(v).dynamic, v == ModelVariant::kDynamic);
  }
  // The exact binary value of the ARP static intercept (§2.4).
  EXPECT_TRUE(ArpModel<Quad>(ModelVariant::kStatic).intercept ==
              QuadFromDecimal("5.01702292499072033393758829333819448947906494140625"));
}

TEST(ReoffendingModelsTest, VersionsAreTheReferences) {
  EXPECT_STREQ(kReoffendingModelVersion, "1.0");
  EXPECT_STREQ(kReoffendingThresholdsVersion, "1.0");
}

TEST(BandForTest, Thresholds) {
  struct Case {
    double percentage;
    BandThresholds bands;
    v1::RiskBand expected;
  };
  for (const Case& c : std::vector<Case>{
           {0.0, kArpBands, v1::RISK_BAND_UNSPECIFIED},  // quirk 9: no band
           {0.01, kArpBands, v1::LOW},
           {49.99, kArpBands, v1::LOW},
           {50.0, kArpBands, v1::MEDIUM},
           {74.99, kArpBands, v1::MEDIUM},
           {75.0, kArpBands, v1::HIGH},
           {90.0, kArpBands, v1::VERY_HIGH},
           {99.99, kArpBands, v1::VERY_HIGH},
           {0.0, kVrpBands, v1::RISK_BAND_UNSPECIFIED},
           {29.99, kVrpBands, v1::LOW},
           {30.0, kVrpBands, v1::MEDIUM},
           {60.0, kVrpBands, v1::HIGH},
           {80.0, kVrpBands, v1::VERY_HIGH},
           {0.0, kSvrpBands, v1::LOW},  // quirk 9: SVRP bands 0.00 as LOW
           {0.99, kSvrpBands, v1::LOW},
           {1.0, kSvrpBands, v1::MEDIUM},
           {2.99, kSvrpBands, v1::MEDIUM},
           {3.0, kSvrpBands, v1::HIGH},
           {6.89, kSvrpBands, v1::HIGH},
           {6.9, kSvrpBands, v1::VERY_HIGH},
           {-0.01, kSvrpBands, v1::RISK_BAND_UNSPECIFIED},
       }) {
    EXPECT_EQ(BandFor(c.percentage, c.bands), c.expected) << c.percentage;
  }
}

}  // namespace
}  // namespace assay::scoring
