#include "text/language.h"

#include <cld2/public/compact_lang_det.h>

namespace redflag {

std::string DetectLanguage(std::string_view utf8) {
  bool reliable = false;
  CLD2::Language language =
      CLD2::DetectLanguage(utf8.data(), static_cast<int>(utf8.size()), /*is_plain_text=*/true, &reliable);
  if (language == CLD2::UNKNOWN_LANGUAGE || language == CLD2::TG_UNKNOWN_LANGUAGE) return "und";
  if (!reliable && utf8.size() < 40) return "und";
  std::string code = CLD2::LanguageCode(language);
  return code == "un" ? "und" : code;
}

}  // namespace redflag
