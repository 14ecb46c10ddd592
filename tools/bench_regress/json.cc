#include "tools/bench_regress/json.h"

#include <cstdlib>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace assay::tools {

const Value* Value::Find(const std::string& key) const {
  if (kind != Kind::kObject) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &it->second;
}

namespace {

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  absl::StatusOr<Value> Document() {
    Value v;
    if (!ParseValue(v, 0)) return Error();
    SkipSpace();
    if (pos_ != text_.size()) return Error();
    return v;
  }

 private:
  absl::Status Error() const {
    return absl::InvalidArgumentError(absl::StrCat("invalid JSON at byte ", pos_));
  }
  void SkipSpace() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\r' || text_[pos_] == '\t')) {
      ++pos_;
    }
  }
  bool Consume(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }
  bool ParseString(std::string& out) {
    if (pos_ >= text_.size() || text_[pos_] != '"') return false;
    ++pos_;
    while (pos_ < text_.size()) {
      char c = text_[pos_++];
      if (c == '"') return true;
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (pos_ >= text_.size()) return false;
      char e = text_[pos_++];
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          if (pos_ + 4 > text_.size()) return false;
          unsigned code = std::strtoul(std::string(text_.substr(pos_, 4)).c_str(), nullptr, 16);
          pos_ += 4;
          out.push_back(code < 0x80 ? static_cast<char>(code) : '?');
          break;
        }
        default: return false;
      }
    }
    return false;
  }
  bool ParseValue(Value& v, int depth) {
    if (depth > 64) return false;  // benchmark output is shallow
    SkipSpace();
    if (pos_ >= text_.size()) return false;
    char c = text_[pos_];
    if (c == '{') {
      ++pos_;
      v.kind = Value::Kind::kObject;
      SkipSpace();
      if (pos_ < text_.size() && text_[pos_] == '}') { ++pos_; return true; }
      while (true) {
        SkipSpace();
        std::string key;
        if (!ParseString(key)) return false;
        SkipSpace();
        if (!Consume(":")) return false;
        if (!ParseValue(v.object[key], depth + 1)) return false;
        SkipSpace();
        if (Consume(",")) continue;
        return Consume("}");
      }
    }
    if (c == '[') {
      ++pos_;
      v.kind = Value::Kind::kArray;
      SkipSpace();
      if (pos_ < text_.size() && text_[pos_] == ']') { ++pos_; return true; }
      while (true) {
        v.array.emplace_back();
        if (!ParseValue(v.array.back(), depth + 1)) return false;
        SkipSpace();
        if (Consume(",")) continue;
        return Consume("]");
      }
    }
    if (c == '"') {
      v.kind = Value::Kind::kString;
      return ParseString(v.string);
    }
    if (Consume("true")) { v.kind = Value::Kind::kBool; v.boolean = true; return true; }
    if (Consume("false")) { v.kind = Value::Kind::kBool; return true; }
    if (Consume("null")) return true;
    // Number: strtod on a bounded copy (the text is not NUL-terminated).
    size_t end = pos_;
    while (end < text_.size() && std::string_view("+-0123456789.eE").find(text_[end]) != std::string_view::npos) ++end;
    if (end == pos_) return false;
    std::string number(text_.substr(pos_, end - pos_));
    char* stop = nullptr;
    v.number = std::strtod(number.c_str(), &stop);
    if (stop != number.c_str() + number.size()) return false;
    v.kind = Value::Kind::kNumber;
    pos_ = end;
    return true;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

absl::StatusOr<Value> ParseJson(std::string_view text) { return Parser(text).Document(); }

}  // namespace assay::tools
