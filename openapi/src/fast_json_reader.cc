#include "fast_json_reader.h"

#include <cstdint>
#include <limits>
#include <string>

#include "insitu_json_text.h"
#include "json_number_text.h"
#include "strict_json_builder.h"

namespace statuskit::openapi {
namespace {

/// Feeds RapidJSON's events to the StrictJsonBuilder. Numbers arrive as their text and are
/// converted the way nlohmann's lexer converts them (json_number_from_text); whatever nlohmann
/// would turn into a float the builder refuses is declined.
class BuilderHandler : public NumbersAsTextOnly {
 public:
  /// `surrogates_possible`: false when the text can hold no surrogate (it is ASCII only and
  /// has no \u escape), so its strings need not be searched for one.
  BuilderHandler(StrictJsonBuilder& builder, bool surrogates_possible)
      : builder_(builder), surrogates_possible_(surrogates_possible) {}

  bool Null() { return builder_.null(); }
  bool Bool(bool value) { return builder_.boolean(value); }
  bool RawNumber(const char* text, rapidjson::SizeType length, bool /*copy*/) {
    const std::string_view number(text, length);
    const auto value = json_number_from_text(number);
    return value && builder_.number(*value, number);
  }
  bool String(const char* text, rapidjson::SizeType length, bool /*copy*/) {
    if (surrogates_possible_ && has_encoded_surrogate(text, length)) return false;
    std::string value(text, length);
    return builder_.string(value);
  }
  bool StartObject() { return builder_.start_object(std::numeric_limits<std::size_t>::max()); }
  bool Key(const char* text, rapidjson::SizeType length, bool /*copy*/) {
    if (surrogates_possible_ && has_encoded_surrogate(text, length)) return false;
    std::string name(text, length);
    return builder_.key(name);
  }
  bool EndObject(rapidjson::SizeType) { return builder_.end_object(); }
  bool StartArray() { return builder_.start_array(std::numeric_limits<std::size_t>::max()); }
  bool EndArray(rapidjson::SizeType) { return builder_.end_array(); }

 private:
  StrictJsonBuilder& builder_;
  bool surrogates_possible_;
};

}  // namespace

std::optional<nlohmann::json> read_json_fast(std::string_view text, DuplicateKeys duplicates) {
  auto copy = copy_for_insitu_parse(text);
  if (!copy) return std::nullopt;
  StrictJsonBuilder builder(duplicates);
  BuilderHandler handler(builder, copy->surrogates_possible);
  if (!parse_insitu(*copy, handler)) return std::nullopt;
  return std::move(builder.root);
}

}  // namespace statuskit::openapi
