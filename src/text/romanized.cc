#include "text/romanized.h"

#include <algorithm>
#include <vector>

namespace redflag {

RomanizedDetector::RomanizedDetector(const RomanizedLanguages& languages) : languages_(languages) {
  for (const std::string& w : languages.common_words) words_.emplace(w, -1);
  for (size_t i = 0; i < languages.languages.size(); ++i)
    for (const std::string& w : languages.languages[i].words) words_.emplace(w, static_cast<int>(i));
  for (const auto& [w, language] : words_) longest_ = std::max(longest_, w.size());
}

std::string RomanizedDetector::Detect(std::string_view lowercase, const std::string& country) const {
  if (languages_.languages.empty()) return "";
  size_t words = 0, hits = 0;
  std::vector<const std::string*> distinct;  // few: a short list beats a set's allocations
  std::vector<size_t> own(languages_.languages.size());
  // The first KiB, as CLD2 reads: a message's language shows in its first sentences, and long mails would
  // otherwise cost most.
  lowercase = lowercase.substr(0, std::min<size_t>(lowercase.size(), 1024));
  std::string word;
  for (size_t i = 0; i <= lowercase.size(); ++i) {
    char c = i < lowercase.size() ? lowercase[i] : ' ';
    if (c >= 'a' && c <= 'z') {
      word.push_back(c);
      continue;
    }
    if (word.empty()) continue;
    ++words;
    if (word.size() > longest_) {  // no word of theirs: no need to look
      word.clear();
      continue;
    }
    if (auto it = words_.find(word); it != words_.end()) {
      ++hits;
      if (std::find(distinct.begin(), distinct.end(), &it->first) == distinct.end())
        distinct.push_back(&it->first);
      if (it->second >= 0) ++own[it->second];
    }
    word.clear();
  }
  if (distinct.size() < languages_.min_words || hits < languages_.min_share * static_cast<double>(words))
    return "";
  size_t best = 0;
  for (size_t i = 1; i < own.size(); ++i) {
    bool tie = own[i] == own[best];
    const auto& countries = languages_.languages[i].countries;
    if (own[i] > own[best] || (tie && !country.empty() &&
                               std::find(countries.begin(), countries.end(), country) != countries.end()))
      best = i;
  }
  return languages_.languages[best].lang;
}

}  // namespace redflag
