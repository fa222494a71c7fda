#include "text/language.h"

#include <cld2/public/compact_lang_det.h>

namespace redflag {

namespace {

// A message's language shows in its first sentences; CLD2's cost grows with
// the text, and long emails would otherwise spend more here than anywhere else.
constexpr size_t kSampleBytes = 1024;

// The longest prefix of at most `limit` bytes that does not split a UTF-8 character.
std::string_view Prefix(std::string_view utf8, size_t limit) {
  if (utf8.size() <= limit) return utf8;
  size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(utf8[end]) & 0xC0) == 0x80) --end;
  return utf8.substr(0, end);
}

}  // namespace

std::string DetectLanguage(std::string_view text) {
  std::string_view utf8 = Prefix(text, kSampleBytes);
  bool reliable = false;
  CLD2::Language language =
      CLD2::DetectLanguage(utf8.data(), static_cast<int>(utf8.size()), /*is_plain_text=*/true, &reliable);
  if (language == CLD2::UNKNOWN_LANGUAGE || language == CLD2::TG_UNKNOWN_LANGUAGE) return "und";
  if (!reliable && utf8.size() < 40) return "und";
  std::string code = CLD2::LanguageCode(language);
  return code == "un" ? "und" : code;
}

}  // namespace redflag
