// Roman Urdu and Hinglish: languages in Latin letters that CLD2 takes for English.
#ifndef REDFLAG_TEXT_ROMANIZED_H_
#define REDFLAG_TEXT_ROMANIZED_H_

#include <string>
#include <string_view>
#include <unordered_map>

#include "redflag/knowledge.h"

namespace redflag {

class RomanizedDetector {
 public:
  explicit RomanizedDetector(const RomanizedLanguages& languages);

  // "ur-Latn" or "hi-Latn" when enough of `lowercase`'s words are theirs (languages.yaml), else "". `country`
  // (ISO 3166, may be empty) settles a text with as many words of each.
  std::string Detect(std::string_view lowercase, const std::string& country) const;

 private:
  const RomanizedLanguages& languages_;
  // Each word -> the index of its language in languages_.languages, or -1 for a common word.
  std::unordered_map<std::string, int> words_;
  size_t longest_ = 0;  // the longest of words_
};

}  // namespace redflag

#endif  // REDFLAG_TEXT_ROMANIZED_H_
