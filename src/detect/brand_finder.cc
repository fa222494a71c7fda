#include "detect/brand_finder.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <set>

namespace redflag {
namespace {

// Letters that scammers swap for digits or symbols.
std::string LetterClass(char c) {
  switch (c) {
    case 'a': return "[a4@]";
    case 'e': return "[e3]";
    case 'i': return "[i1!]";
    case 'l': return "[l1]";
    case 'o': return "[o0]";
    case 's': return "[s5$]";
    default: return std::string(1, c);
  }
}

std::string EscapeLiteral(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (std::string_view("\\^$.|?*+()[]{}/").find(c) != std::string_view::npos) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

// "whatsapp" -> w[ ._*-]?h[ ._*-]?[a4@]...; short or non-Latin names match as
// written. Matched as whole words (Bounds::kWholeWord).
std::string AliasRegex(const std::string& alias) {
  bool ascii_word = alias.size() >= 5;
  for (char c : alias)
    if (!(std::islower(static_cast<unsigned char>(c)) || c == ' ')) ascii_word = false;
  if (!ascii_word) return EscapeLiteral(alias);
  std::string body;
  for (char c : alias) {
    if (c == ' ') continue;
    if (!body.empty()) body += "[ ._*-]?";
    body += LetterClass(c);
  }
  return body;
}

bool IsWordStart(std::string_view text, size_t i) {
  unsigned char c = text[i];
  return std::isalnum(c) || c >= 0x80;
}

}  // namespace

BrandFinder::BrandFinder(const KnowledgeBase& kb, const BrandRegistry& registry, PatternSet* patterns)
    : registry_(registry) {
  first_ = static_cast<uint32_t>(patterns->size());
  for (const Brand& b : kb.brands) {
    std::set<std::string> regexes;  // "facebook" and "face book" are one pattern: one quote, not two
    for (const std::string& alias : b.aliases) {
      std::string regex = AliasRegex(alias);
      if (!regexes.insert(regex).second) continue;
      patterns->Add(regex, "", Bounds::kWholeWord);
      brands_.push_back(&b);
      bool ascii = true;
      for (unsigned char c : alias) ascii = ascii && c < 0x80;
      if (ascii && alias.size() >= 5) alias_skeletons_.emplace(registry.Skeleton(alias), &b);
    }
  }
}

std::vector<BrandHit> BrandFinder::Find(std::string_view text, const std::vector<Match>& matches) const {
  std::vector<BrandHit> hits;
  for (const Match& m : matches) {
    if (m.pattern < first_ || m.pattern - first_ >= brands_.size()) continue;
    uint32_t start = m.start, end = m.end;
    // A symbol standing for a letter at either end stays out of the quote ("@mazon" quotes "mazon").
    while (start < end && !IsWordStart(text, start)) ++start;
    while (end > start && !IsWordStart(text, end - 1)) --end;
    if (end > start) hits.push_back({brands_[m.pattern - first_], start, end, false});
  }
  // Words that mix alphabets, or Greek/Cyrillic words, may be a disguised brand name.
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
    return hits;  // plain ASCII disguises nothing
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    int32_t word_start = i;
    bool ascii_letter = false, other = false, greek_or_cyrillic = false;
    while (i < length) {
      int32_t before = i;
      UChar32 c;
      U8_NEXT_OR_FFFD(s, i, length, c);
      if (!(u_isalnum(c))) {
        if (before == word_start) word_start = i;  // skip separators before the word
        else { i = before; break; }
        continue;
      }
      if (c < 0x80) ascii_letter = true;
      else other = true;
      if (c >= 0x370 && c < 0x530) greek_or_cyrillic = true;
    }
    int32_t word_end = i;
    if (word_end < length) {  // step over the separator
      UChar32 c;
      U8_NEXT_OR_FFFD(s, i, length, c);
    }
    if (!other || !(ascii_letter || greek_or_cyrillic) || word_end - word_start < 4) continue;
    std::string word(text.substr(word_start, word_end - word_start));
    if (auto it = alias_skeletons_.find(registry_.Skeleton(word)); it != alias_skeletons_.end())
      hits.push_back({it->second, static_cast<uint32_t>(word_start), static_cast<uint32_t>(word_end), true});
  }
  return hits;
}

}  // namespace redflag
