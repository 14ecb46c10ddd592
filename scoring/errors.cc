#include "scoring/errors.h"

#include <string>

namespace assay::scoring {

std::string_view ErrorMessage(v1::ErrorType type) {
  switch (type) {
    case v1::MISSING_MANDATORY_INPUT:
      return "Mandatory input field(s) missing";
    case v1::MISSING_DYNAMIC_INPUT:
      return "Dynamic input field(s) missing";
    case v1::DATE_OF_CURRENT_CONVICTION_BEFORE_DATE_OF_BIRTH:
      return "Date of current conviction cannot be before date of birth";
    case v1::DATE_OF_START_OF_FOLLOWUP_BEFORE_DATE_OF_BIRTH:
      return "Date of start of followup cannot be before date of birth";
    case v1::DATE_OF_MOST_RECENT_SEXUAL_OFFENCE_BEFORE_DATE_OF_BIRTH:
      return "Date of most recent sexual offence cannot be before date of birth";
    case v1::DATE_OF_START_OF_FOLLOWUP_OUT_OF_RANGE:
      return "Age at date at start of followup must be less than 110";
    case v1::DATE_OF_START_OF_FOLLOWUP_REQUIRED:
      return "Either Date at start of followup or date of current conviction must be provided";
    case v1::DATE_OF_MOST_RECENT_SEXUAL_OFFENCE_OUT_OF_RANGE:
      return "Age at date at start of most recent sexual offence must be less than 110";
    case v1::MOTIVATION_TO_TACKLE_DRUG_MISUSE_INCONSISTENT:
      return "When motivationToTackleDrugMisuse is null, all drug usage questions must be false or null";
    case v1::DOMESTIC_ABUSE_INCONSISTENT_INPUT:
      return "No evidence of domestic abuse identified - domesticAbuseAgainstPartner and "
             "domesticAbuseAgainstFamily should not be provided";
    case v1::SEXUAL_REOFFENDING_PREDICTOR_INCONSISTENT_INPUT:
      return "hasEverCommittedSexualOffence cannot be null or false when sexual sanctions exist";
    case v1::SEXUAL_REOFFENDING_PREDICTOR_NO_SANCTIONS:
      return "If hasEverCommittedSexualOffence is true, at least one sexual sanction/offence must be "
             "more than 0";
    case v1::TOTAL_NUMBER_OF_SEXUAL_SANCTIONS_OUT_OF_RANGE:
      return "Sexual sanctions count must be greater than 0, but less than or equal to total number "
             "of sanctions";
    case v1::AGE_AT_FIRST_SANCTION_AFTER_AGE_AT_CURRENT_CONVICTION:
      return "Age at first sanction must be before age at current conviction";
    case v1::DATE_OF_CURRENT_CONVICTION_WITHIN_THREE_MONTHS_OF_ASSESSMENT_DATE:
      return "Date of current conviction must be less than 3 months after the assessment date";
    case v1::TOTAL_NUMBER_OF_SANCTIONS_OUT_OF_RANGE:
      return "Total number of sanctions must be between 1 and 999 (inclusive)";
    case v1::VIOLENT_SANCTION_OUT_OF_RANGE:
      return "Violent sanctions count must be greater than 0, but less than or equal to total "
             "number of sanctions";
    case v1::AGE_AT_FIRST_SANCTION_OUT_OF_RANGE:
      // The reference's text (sic): the check is on age at first sanction.
      return "Age at current conviction must be less than 110";
    case v1::LDS_NOT_ENOUGH_FIELDS_PRESENT:
      return "At least three input fields must be provided";
    case v1::OFFENCE_CODE_INCORRECT_FORMAT:
      return "Offence code must be a string of 5 digits";
    case v1::OFFENCE_CODE_MAPPING_NOT_FOUND:
      return "No offence code to actuarial weighting mapping found for offence code";
    case v1::COMPONENT_VALIDATION_ERROR:
      return "Validation error(s) in component scores";
    case v1::TOTAL_NUMBER_OF_SANCTIONS_LESS_THAN_ONE:
      return "Total number of sanctions must be one or greater";
    case v1::AGE_AT_CURRENT_CONVICTION_LESS_THAN_TEN:
      return "Age at current conviction must be 10 or greater";
    case v1::NEED_DETAILS_OF_EXACT_OFFENCE:
      return "For this group of offences, the OGRS 3 offence category takes different values "
             "depending on the nature of the exact offence. Therefore, it is not possible to "
             "calculate an OGRS 3 score without details of the exact offence.";
    case v1::SEXUAL_OFFENDING_MISSING_COUNTS:
      return "Sexual motivation/offending identified - complete sexual offence counts";
    case v1::SEXUAL_OFFENDING_INCONSISTENT_INPUT:
      return "No sexual motivation/offending identified - additional fields should not be provided";
    case v1::VIOLENT_SANCTION_GREATER_THAN_TOTAL_SANCTIONS:
      return "Violence count is greater than total sanctions";
    case v1::FOLLOW_UP_DATE_BEFORE_CONVICTION_DATE:
      return "Offender's date of commencement of community sentence or earliest possible release "
             "from custody is before conviction date";
    case v1::SCORE_BELOW_BAND_RANGE:
      return "Percentage score rounds to 0.00%, below the lowest band; the model gives no band "
             "for it";
    case v1::FOLLOW_UP_DATE_INVALID:
      return "Date at start of followup must be after the date of birth and before age 110";
    case v1::INVALID_DATE:
      return "Date is not a valid calendar date between 1800 and 2200";
    case v1::AGE_OUT_OF_MODEL_RANGE:
      return "Age is outside the range the model covers";
    case v1::COPAS_RATE_UNDEFINED:
      return "Copas rate is undefined: years between first and current sanction give a "
             "non-positive denominator";
    case v1::VALUE_OUT_OF_RANGE:
      return "Value is outside its documented range";
    case v1::ROSH_NOT_RATED:
      return "No Risk of Serious Harm cell is rated; a review decision needs an overall RoSH";
    case v1::POLICY_PARSE_ERROR:
      return "Review policy is not valid ReviewPolicy text format";
    case v1::POLICY_MISSING_FIELD:
      return "Review policy lacks a required field or entry";
    case v1::POLICY_VALUE_OUT_OF_RANGE:
      return "Review policy value is outside its allowed range";
    case v1::POLICY_UNKNOWN_EVENT_TYPE:
      return "Review policy names an unspecified or unknown event type";
    case v1::POLICY_DUPLICATE_ENTRY:
      return "Review policy lists the same event, band or level more than once";
    case v1::POLICY_EMPTY_MANDATED_SET:
      return "Review policy mandates no RoSH level but does not declare no_rosh_mandate";
    case v1::POLICY_INVALID_MANDATED_LEVEL:
      return "Mandated RoSH levels must be HIGH and VERY_HIGH, or VERY_HIGH alone";
    case v1::POLICY_CONFLICTING_FIELDS:
      return "Review policy fields contradict each other";
    case v1::POLICY_UNKNOWN_NAME:
      return "No built-in review policy has that name";
    case v1::PRACTITIONER_DATE_AFTER_MANDATED_INTERVAL:
      return "A mandated review may be brought forward but never put back: the practitioner's "
             "date is later than the fixed interval";
    case v1::PRACTITIONER_DATE_BEFORE_ASSESSMENT:
      return "The practitioner's review date is before the assessment date";
    case v1::PRACTITIONER_DATE_AFTER_CURRENCY_LIMIT:
      return "The practitioner's review date is later than the currency limit of the assessment";
    case v1::RATIONALE_REASON_REQUIRED:
      return "A review date different from the proposal needs a reason code";
    case v1::RATIONALE_REASON_NOT_IN_POLICY:
      return "The reason code is not one the review policy accepts";
    case v1::RATIONALE_REQUIRED:
      return "A review date different from the proposal needs a written rationale";
    case v1::RATIONALE_TOO_SHORT:
      return "The rationale is shorter than the review policy's minimum length";
    case v1::PRACTITIONER_ID_REQUIRED:
      return "A review date different from the proposal needs the practitioner's identifier";
    case v1::DECISION_TIMESTAMP_REQUIRED:
      return "A review date different from the proposal needs the time of the decision";
    case v1::MALFORMED_RECORD:
      return "The record is not a readable Assessment; it was skipped";
    case v1::TRUNCATED_STREAM:
      return "The input stream is truncated or corrupted; reading stopped here";
    case v1::RECORD_NOT_EVALUATED:
      return "The engine could not evaluate the record";
    case v1::CHECKSUM_MISMATCH:
      return "The record's checksum does not match its bytes; it was skipped";
    case v1::ERROR_TYPE_UNSPECIFIED:
    case v1::ErrorType_INT_MIN_SENTINEL_DO_NOT_USE_:
    case v1::ErrorType_INT_MAX_SENTINEL_DO_NOT_USE_:
      break;
  }
  return "Unspecified error";
}

v1::ValidationError MakeError(v1::ErrorType type, absl::Span<const std::string_view> fields) {
  v1::ValidationError error;
  FillError(type, fields, &error);
  return error;
}

}  // namespace assay::scoring
