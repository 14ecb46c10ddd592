// Setting a string field of a protobuf message or of its flat mirror
// (schemas/flat/) from text that outlives the message: catalogue text with
// static storage, or a string of the record the result is computed from.
//
// Contract: ASSAY_SET_TEXT(message, field, text) calls
// message->set_alias_<field>(text) when the message has it (a flat message
// then refers to the text: no copy, no arena), otherwise
// message->set_<field>(data, size) (protobuf copies). The caller guarantees
// that `text` lives as long as the message.
#ifndef ASSAY_SCORING_TEXT_FIELDS_H_
#define ASSAY_SCORING_TEXT_FIELDS_H_

#include <string_view>

// A macro because the field name is part of the setter's name.
#define ASSAY_SET_TEXT(message, field, text)                                   \
  do {                                                                         \
    const std::string_view assay_text_ = (text);                               \
    if constexpr (requires { (message)->set_alias_##field(assay_text_); }) {   \
      (message)->set_alias_##field(assay_text_);                               \
    } else {                                                                   \
      (message)->set_##field(assay_text_.data(), assay_text_.size());          \
    }                                                                          \
  } while (0)

#endif  // ASSAY_SCORING_TEXT_FIELDS_H_
