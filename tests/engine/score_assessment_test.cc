// ScoreAssessment end to end: §15 worked example A under every model set.
#include <string>

#include "engine/scorer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "schemas/assessment.pb.h"
#include "schemas/score.pb.h"
#include "scoring/screening.h"

namespace assay {
namespace {

using ::testing::IsEmpty;

v1::Date D(int y, int m, int d) {
  v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

// §15 A, the reference's end-to-end fixture: male, DOB 1980-01-01,
// assessment 2025-01-01, conviction 2020-01-01, follow-up 2040-01-01,
// offence 02700, S = 21, first sanction at 40, V = 1; dynamic answers all 0
// except 7.2 SOME, 6.7 true, 6.8 not in a relationship, motivation FULL, no
// drugs, no weapon, previous conviction WOUNDING_GBH; sexual counts 5/5/5/5,
// last sexual offence 1994-01-01, COMMUNITY.
//
// §15 states the LDS, MST, OPD and PNI outcomes but not their inputs. The
// inputs below are chosen to reproduce them: PNI need items all answered 0
// with SARA (partner) MEDIUM gives MODERATE in either pipeline order; LDS
// items giving a subtotal of 5. OPD and MST follow from the offence (02700
// is not opdViolenceSex) and the age (45).
v1::Assessment ExampleA() {
  v1::Assessment a;
  a.set_assessment_id("example-a");
  a.set_case_reference("case-a");
  *a.mutable_assessment_date() = D(2025, 1, 1);
  *a.mutable_date_of_birth() = D(1980, 1, 1);
  *a.mutable_date_of_current_conviction() = D(2020, 1, 1);
  *a.mutable_date_at_start_of_followup() = D(2040, 1, 1);
  *a.mutable_date_of_most_recent_sexual_offence() = D(1994, 1, 1);
  a.set_gender(v1::MALE);
  a.set_current_offence_code("02700");
  a.set_supervision_status(v1::COMMUNITY);
  a.set_total_sanctions(21);
  a.set_violent_sanctions(1);
  a.set_age_at_first_sanction(40);
  a.set_has_ever_committed_sexual_offence(true);
  a.set_current_offence_sexually_motivated(true);
  a.set_contact_adult_sexual_sanctions(5);
  a.set_contact_child_sexual_sanctions(5);
  a.set_indecent_image_sanctions(5);
  a.set_non_contact_sexual_offences(5);
  v1::OasysAnswers* x = a.mutable_answers();
  x->set_weapon_involved(false);
  x->set_accommodation_suitability(v1::NO_PROBLEMS);
  x->set_unemployed(false);
  x->set_partner_relationship(v1::NO_PROBLEMS);
  x->set_domestic_abuse_evidence(true);
  x->set_domestic_abuse_against_partner(true);
  x->set_domestic_abuse_against_family(false);
  x->set_relationship_status(v1::NOT_IN_RELATIONSHIP);
  x->set_regular_offending_activities(v1::SOME_PROBLEMS);
  x->set_drug_misuse_motivation(v1::FULL_MOTIVATION);
  x->set_current_alcohol_use(v1::NO_PROBLEMS);
  x->set_excessive_alcohol_use(v1::NO_PROBLEMS);
  x->set_impulsivity(v1::NO_PROBLEMS);
  x->set_temper_control(v1::NO_PROBLEMS);
  x->set_pro_criminal_attitudes(v1::NO_PROBLEMS);
  a.mutable_previous_convictions()->add_types(v1::WOUNDING_GBH);
  // PNI need items not already answered above.
  x->set_sexual_preoccupation(v1::NO_PROBLEMS);
  x->set_offence_related_sexual_interests(v1::NO_PROBLEMS);
  x->set_emotional_congruence_with_children(v1::NO_PROBLEMS);
  x->set_hostile_orientation(v1::NO_PROBLEMS);
  x->set_family_relationships(v1::NO_PROBLEMS);
  x->set_previous_close_relationships(v1::NO_PROBLEMS);
  x->set_easily_influenced_by_criminal_associates(v1::NO_PROBLEMS);
  x->set_controlling_or_aggressive_behaviour(v1::NO_PROBLEMS);
  x->set_problem_solving_skills(v1::NO_PROBLEMS);
  x->set_difficulties_coping(v1::NO_PROBLEMS);
  a.set_sara_risk_to_partner(v1::MEDIUM);
  // LDS: 2 + 2 + 1 + 0 = 5 -> score 2.
  a.mutable_lds()->set_work_related_skills(v1::SIGNIFICANT_PROBLEMS);
  a.mutable_lds()->set_reading_writing_numeracy(v1::SIGNIFICANT_PROBLEMS);
  a.mutable_lds()->set_learning_difficulties(v1::SOME_PROBLEMS);
  a.mutable_lds()->set_qualifications(v1::ANY_QUALIFICATION);
  // OPD: required inputs; the offence keeps the man out of the pathway.
  a.mutable_opd()->set_overall_risk_for_assessment(v1::HIGH);
  a.mutable_opd()->set_highest_risk_level_over_all_assessments(v1::HIGH);
  a.mutable_opd()->set_custodial_sentence(false);
  a.mutable_opd()->set_offence_involved_violence_or_threat(false);
  return a;
}

void ExpectScored(const v1::PredictorResult& r, double percentage, v1::RiskBand band,
                  const std::string& name) {
  EXPECT_EQ(r.status(), v1::RESULT_SCORED) << name << r.DebugString();
  EXPECT_EQ(r.percentage(), percentage) << name;
  EXPECT_EQ(r.band(), band) << name;
  EXPECT_EQ(r.model_version(), "1.0") << name;
  EXPECT_FALSE(r.explanation().empty()) << name;
}

TEST(ScoreAssessment, WorkedExampleAEveryV4Predictor) {
  const absl::StatusOr<v1::ScoreSet> scores = ScoreAssessment(ExampleA(), {.model_set = v1::V4});
  ASSERT_TRUE(scores.ok()) << scores.status();
  const v1::ScoreSet& s = *scores;
  EXPECT_EQ(s.assessment_id(), "example-a");
  EXPECT_EQ(s.model_set(), v1::V4);
  ExpectScored(s.arp(), 62.62, v1::MEDIUM, "ARP");
  EXPECT_EQ(s.arp().type(), v1::DYNAMIC);
  ExpectScored(s.vrp(), 25.43, v1::LOW, "VRP");
  EXPECT_EQ(s.vrp().type(), v1::DYNAMIC);
  ExpectScored(s.svrp(), 1.08, v1::MEDIUM, "SVRP");
  EXPECT_EQ(s.svrp().type(), v1::DYNAMIC);
  ExpectScored(s.dc_srp(), 5.31, v1::VERY_HIGH, "DC-SRP");
  EXPECT_EQ(s.dc_srp().point_score(), 36);
  EXPECT_FALSE(s.dc_srp().risk_band_reduction_applied());
  ExpectScored(s.iic_srp(), 10.31, v1::HIGH, "IIC-SRP");
  ExpectScored(s.csrp(), 16.70, v1::VERY_HIGH, "CSRP");
  EXPECT_EQ(s.csrp().type(), v1::COMBINED);
  EXPECT_EQ(s.lds().lds_score(), 2);
  EXPECT_THAT(s.lds().errors(), IsEmpty());
  EXPECT_FALSE(s.mst().applicable());
  EXPECT_FALSE(s.mst().has_maturity_score());
  EXPECT_TRUE(s.opd().opd_check());
  EXPECT_EQ(s.opd().outcome(), v1::SCREEN_OUT);
  EXPECT_EQ(s.pni().pathway(), v1::PNI_MODERATE);
  EXPECT_THAT(s.pni().errors(), IsEmpty());
  // OGRS3 belongs to every set; the legacy pack is absent from V4.
  EXPECT_TRUE(s.has_ogrs3());
  EXPECT_FALSE(s.has_ogp());
  EXPECT_FALSE(s.has_ovp());
  EXPECT_FALSE(s.has_osp_dc());
  EXPECT_FALSE(s.has_osp_iic());
  EXPECT_FALSE(s.has_snsv());
  EXPECT_FALSE(s.has_rsr());

  // The reference's ordering gives the same pathway for this record.
  const v1::PniResult reference =
      scoring::ScorePni(ExampleA(), scoring::PniContextInReferenceOrder(&s.arp(), &s.vrp()));
  EXPECT_EQ(reference.pathway(), v1::PNI_MODERATE);
}

TEST(ScoreAssessment, WorkedExampleALegacyPack) {
  const absl::StatusOr<v1::ScoreSet> scores =
      ScoreAssessment(ExampleA(), {.model_set = v1::LEGACY});
  ASSERT_TRUE(scores.ok()) << scores.status();
  const v1::ScoreSet& s = *scores;
  EXPECT_FALSE(s.has_arp());
  EXPECT_FALSE(s.has_dc_srp());
  EXPECT_FALSE(s.has_csrp());
  EXPECT_FALSE(s.has_pni());
  EXPECT_FALSE(s.has_mst());
  ASSERT_EQ(s.ogrs3().status(), v1::RESULT_SCORED) << s.ogrs3().DebugString();
  // OSP/DC shares DC-SRP's scale: the same 36 points and 5.31 %.
  ExpectScored(s.osp_dc(), 5.31, v1::VERY_HIGH, "OSP/DC");
  EXPECT_EQ(s.osp_dc().point_score(), 36);
  ExpectScored(s.osp_iic(), 10.31, v1::HIGH, "OSP/IIC");
  ASSERT_EQ(s.snsv().status(), v1::RESULT_SCORED) << s.snsv().DebugString();
  EXPECT_EQ(s.snsv().type(), v1::DYNAMIC);
  EXPECT_EQ(s.snsv().percentage(), 0.91);
  ASSERT_EQ(s.rsr().status(), v1::RESULT_SCORED) << s.rsr().DebugString();
  EXPECT_EQ(s.rsr().percentage(), 16.53);  // 0.91 + 5.31 + 10.31
  EXPECT_EQ(s.rsr().band(), v1::HIGH);
  // OGP and OVP need answers the v4 fixture does not carry.
  EXPECT_EQ(s.ogp().status(), v1::RESULT_ERROR);
  EXPECT_EQ(s.ovp().status(), v1::RESULT_ERROR);
  EXPECT_EQ(s.ogp().errors(0).type(), v1::MISSING_MANDATORY_INPUT);
}

TEST(ScoreAssessment, BothSetsAndExplanationSwitch) {
  const absl::StatusOr<v1::ScoreSet> both = ScoreAssessment(ExampleA(), {.model_set = v1::BOTH});
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->csrp().percentage(), 16.70);
  EXPECT_EQ(both->rsr().percentage(), 16.53);
  EXPECT_TRUE(both->has_pni());
  EXPECT_TRUE(both->has_snsv());

  const absl::StatusOr<v1::ScoreSet> terse =
      ScoreAssessment(ExampleA(), {.model_set = v1::BOTH, .explain = false});
  ASSERT_TRUE(terse.ok());
  EXPECT_THAT(terse->dc_srp().explanation(), IsEmpty());
  EXPECT_THAT(terse->csrp().explanation(), IsEmpty());
  EXPECT_THAT(terse->snsv().explanation(), IsEmpty());
  EXPECT_EQ(terse->csrp().percentage(), 16.70);

  // Only the v4 set in a V4 call: clearing explanations must not create
  // legacy results.
  const absl::StatusOr<v1::ScoreSet> v4 =
      ScoreAssessment(ExampleA(), {.model_set = v1::V4, .explain = false});
  ASSERT_TRUE(v4.ok());
  EXPECT_FALSE(v4->has_rsr());
  EXPECT_FALSE(v4->has_osp_dc());
}

TEST(ScoreAssessment, EmptyRecordGivesErrorsNotCrashes) {
  const absl::StatusOr<v1::ScoreSet> scores =
      ScoreAssessment(v1::Assessment(), {.model_set = v1::BOTH});
  ASSERT_TRUE(scores.ok());
  for (const v1::PredictorResult* r :
       {&scores->dc_srp(), &scores->iic_srp(), &scores->csrp(), &scores->ogp(), &scores->ovp(),
        &scores->osp_dc(), &scores->osp_iic(), &scores->snsv(), &scores->rsr()}) {
    EXPECT_EQ(r->status(), v1::RESULT_ERROR) << r->DebugString();
    EXPECT_FALSE(r->errors().empty());
  }
  EXPECT_EQ(scores->pni().pathway(), v1::PNI_OMISSION);
  EXPECT_FALSE(scores->lds().has_lds_score());
}

}  // namespace
}  // namespace assay
