// Language identification with CLD2.
#ifndef REDFLAG_TEXT_LANGUAGE_H_
#define REDFLAG_TEXT_LANGUAGE_H_

#include <string>
#include <string_view>

namespace redflag {

// The ISO 639-1 code of the text's language ("en", "ur", "hi", ...), or "und"
// when CLD2 is not reasonably sure (short or mixed text). Reads the first KiB.
std::string DetectLanguage(std::string_view utf8);

}  // namespace redflag

#endif  // REDFLAG_TEXT_LANGUAGE_H_
