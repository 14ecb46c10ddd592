// assay explain: one record's result, readable by a person: every
// predictor with its score, band, model type and explanation terms (or
// why it has none), the screening tools, the review decision with its
// basis, and the tier with its reasons.
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "engine/cli/command.h"
#include "engine/cli/options.h"
#include "engine/cli/single_record.h"
#include "engine/io/result_writer.h"
#include "engine/review/format.h"
#include "engine/review/tier.h"

namespace assay::cli {
namespace {

absl::string_view A(std::string_view s) { return absl::string_view(s.data(), s.size()); }

std::string_view Describe(v1::Predictor predictor) {
  switch (predictor) {
    case v1::ARP:
      return "All Reoffending Predictor (2 years)";
    case v1::VRP:
      return "Violent Reoffending Predictor";
    case v1::SVRP:
      return "Serious Violent Reoffending Predictor";
    case v1::DC_SRP:
      return "Direct Contact Sexual Reoffending Predictor";
    case v1::IIC_SRP:
      return "Images and Indirect Contact Sexual Reoffending Predictor";
    case v1::CSRP:
      return "Combined Serious Reoffending Predictor";
    case v1::OGRS3:
      return "Offender Group Reconviction Scale v3 (1 and 2 years)";
    case v1::OGP:
      return "OASys General reoffending Predictor (v3)";
    case v1::OVP:
      return "OASys Violence Predictor (v3)";
    case v1::OSP_DC:
      return "OASys Sexual reoffending Predictor, direct contact (v3)";
    case v1::OSP_IIC:
      return "OASys Sexual reoffending Predictor, indirect contact (v3)";
    case v1::SNSV:
      return "Serious Non-Sexual Violence (v3)";
    case v1::RSR:
      return "Risk of Serious Recidivism (v3)";
    default:
      return "";
  }
}

template <typename Errors>
void AppendErrors(const Errors& errors, std::string_view indent, std::string* out) {
  for (const v1::ValidationError& e : errors) {
    absl::StrAppend(out, A(indent), v1::ErrorType_Name(e.type()), ": ", e.message());
    for (int i = 0; i < e.fields_size(); ++i) absl::StrAppend(out, i == 0 ? " [" : ", ", e.fields(i));
    absl::StrAppend(out, e.fields_size() > 0 ? "]\n" : "\n");
  }
}

void AppendPredictor(const io::PredictorField& field, const v1::PredictorResult& r, std::string* out) {
  absl::StrAppend(out, "\n", A(field.name), " - ", A(Describe(field.predictor)), "\n");
  switch (r.status()) {
    case v1::RESULT_SCORED: {
      absl::StrAppend(out, "  ", absl::StrFormat("%.2f%%", r.percentage()), "  band ",
                      A(io::BandName(r.band())));
      if (r.type() != v1::MODEL_TYPE_UNSPECIFIED) absl::StrAppend(out, "  (", v1::ModelType_Name(r.type()), " model)");
      if (r.has_point_score()) absl::StrAppend(out, "  points ", r.point_score());
      absl::StrAppend(out, "\n");
      if (r.has_one_year_percentage()) {
        absl::StrAppend(out, "  one year: ", absl::StrFormat("%.2f%%", r.one_year_percentage()), "\n");
      }
      if (r.risk_band_reduction_applied()) absl::StrAppend(out, "  one-band risk reduction applied\n");
      if (r.errors_size() > 0) {
        absl::StrAppend(out, "  scored with the static model because:\n");
        AppendErrors(r.errors(), "    ", out);
      }
      break;
    }
    case v1::RESULT_NOT_APPLICABLE:
      absl::StrAppend(out, "  not applicable",
                      r.female_version() ? " (female)" : r.has_sexual_offence_history() ? " (no sexual offending)" : "",
                      "\n");
      break;
    default:
      absl::StrAppend(out, "  no score:\n");
      AppendErrors(r.errors(), "    ", out);
  }
  if (r.explanation_size() > 0) {
    size_t width = 0;
    for (const v1::Term& term : r.explanation()) width = std::max(width, term.name().size());
    absl::StrAppend(out, "  explanation (terms of the linear predictor, in the reference's order):\n");
    for (const v1::Term& term : r.explanation()) {
      absl::StrAppend(out, absl::StrFormat("    %-*s %+.15f\n", static_cast<int>(width), term.name(), term.value()));
    }
  }
  if (!r.model_version().empty()) {
    absl::StrAppend(out, "  model ", r.model_version(), ", thresholds ", r.thresholds_version(), "\n");
  }
}

}  // namespace

int RunExplainCommand(CommandArgs args) {
  SingleRecordFlags flags;
  OptionParser parser("explain", "explain [options] FILE",
                      "Explains one assessment given in protobuf text format or JSON (FILE may be '-'):\n"
                      "every predictor with its score, band and explanation terms, the screening tools,\n"
                      "the review decision with its basis, and the tier.");
  flags.Register(&parser);
  std::vector<std::string> positional;
  if (const std::optional<int> exit = parser.ParseOrExit(args, &positional)) return *exit;
  if (positional.size() != 1) {
    PrintError("explain", "expected one FILE (see assay explain --help)");
    return kExitUsage;
  }
  absl::StatusOr<EvaluatedRecord> record = LoadAndEvaluate(positional[0], flags);
  if (!record.ok()) {
    PrintError("explain", record.status().message());
    return kExitFailed;
  }
  const v1::RecordResult& r = record->result;
  const v1::ScoreSet& s = r.scores();
  std::string out = absl::StrCat("Assessment ", r.assessment_id().empty() ? "(no id)" : r.assessment_id());
  if (!r.case_reference().empty()) absl::StrAppend(&out, ", case ", r.case_reference());
  absl::StrAppend(&out, "\nAs of ", FormatCivilDay(record->as_of), ", review policy ", record->policy_version,
                  ", model set ", v1::ModelSet_Name(s.model_set()), ", offence table ", s.offence_table_version(),
                  "\n\n== Predictors ==\n");
  for (const io::PredictorField& field : io::PredictorsOf(s.model_set())) {
    if (const v1::PredictorResult* r = io::FindPredictor(s, field.predictor)) {
      AppendPredictor(field, *r, &out);
    }
  }
  if (s.has_mst() || s.has_opd() || s.has_pni() || s.has_lds()) {
    absl::StrAppend(&out, "\n== Screening tools ==\n");
    if (s.has_mst()) {
      const v1::MstResult& m = s.mst();
      if (!m.applicable() && m.errors_size() == 0) {
        absl::StrAppend(&out, "MST (maturity): not applicable (men aged 18-25 only)\n");
      } else if (m.has_maturity_score()) {
        absl::StrAppend(&out, "MST (maturity): score ", m.maturity_score(), " of 19, ",
                        m.maturity_flag() ? "maturity concern flagged" : "no maturity concern", "\n");
      } else {
        absl::StrAppend(&out, "MST (maturity): not scored\n");
      }
      AppendErrors(m.errors(), "  ", &out);
    }
    if (s.has_opd()) {
      const v1::OpdResult& o = s.opd();
      absl::StrAppend(&out, "OPD (personality disorder pathway): ",
                      o.outcome() == v1::OPD_OUTCOME_UNSPECIFIED ? "not calculated" : v1::OpdOutcome_Name(o.outcome()),
                      o.has_opd_override() ? (o.opd_override() ? ", override applied" : ", no override") : "", "\n");
      AppendErrors(o.errors(), "  ", &out);
    }
    if (s.has_pni()) {
      const v1::PniResult& p = s.pni();
      absl::StrAppend(&out, "PNI (programme needs): ",
                      p.pathway() == v1::PNI_PATHWAY_UNSPECIFIED ? "not calculated" : v1::PniPathway_Name(p.pathway()),
                      "\n");
      AppendErrors(p.errors(), "  ", &out);
    }
    if (s.has_lds()) {
      const v1::LdsResult& l = s.lds();
      absl::StrAppend(&out, "LDS (learning disability screen): ",
                      l.has_lds_score() ? absl::StrCat("score ", l.lds_score(), " of 2") : std::string("not scored"),
                      "\n");
      AppendErrors(l.errors(), "  ", &out);
    }
  }
  absl::StrAppend(&out, "\n== Review decision ==\n", review::FormatReviewDecision(r.review()), "\n== Tier ==\n",
                  review::FormatTier(r.tier()));
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace assay::cli
