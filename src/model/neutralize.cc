#include "model/neutralize.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>

#include "extract/domain.h"

namespace redflag {
namespace {

// ASCII first: most messages are mostly ASCII, and ICU's lookups cost more.
bool IsLetter(UChar32 c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  int8_t type = u_charType(c);
  return u_isalpha(c) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}
bool IsDigit(UChar32 c) { return c < 0x80 ? c >= '0' && c <= '9' : u_isdigit(c); }

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f'; }

// Masked digits as SpamHunter writes them: "X", "XX", "XXXX" runs of capital X.
bool LooksMasked(std::string_view run) {
  if (run == "X") return true;
  return run.find("XX") != std::string_view::npos;
}

bool IsMailFooter(std::string_view chunk) {
  return chunk.size() >= 10 && chunk.find_first_not_of('_') == std::string_view::npos;
}

void AppendFolded(UChar32 c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    return;
  }
  c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
  char buf[4];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(buf, n, 4, c, error);
  if (!error) out->append(buf, n);
}

// A chunk that may be a link: a scheme, "www.", or a dot between a letter or
// digit and a lower-case letter ("verify-acct.top/x"; not "home.Thanks").
bool MayBeLink(std::string_view chunk) {
  if (chunk.find("://") != std::string_view::npos || chunk.find("www.") != std::string_view::npos)
    return true;
  for (size_t i = 1; i + 1 < chunk.size(); ++i) {
    if (chunk[i] != '.') continue;
    unsigned char before = chunk[i - 1], after = chunk[i + 1];
    if (std::isalnum(before) && after >= 'a' && after <= 'z') return true;
  }
  return false;
}

// A path that is one short token of mixed-case letters and digits ("/y8mXEyk"):
// what a link shortener or a smishing kit issues. A page's own path reads as
// words ("/renew", "/en-gb/appointments").
bool IsTokenPath(std::string_view link) {
  size_t scheme = link.find("://");
  if (scheme != std::string_view::npos) link.remove_prefix(scheme + 3);
  size_t slash = link.find('/');
  if (slash == std::string_view::npos) return false;
  std::string_view path = link.substr(slash + 1);
  if (path.size() < 4 || path.size() > 12) return false;
  bool upper = false, lower = false;
  for (char c : path) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
    upper |= c >= 'A' && c <= 'Z';
    lower |= c >= 'a' && c <= 'z';
  }
  return upper && lower;
}

// The shape of a link, as marker words: that there is one, whether it has a
// path, whether that path is a token, and whether it was written without a
// scheme. A link's pieces ("klkln", "vnbcbtd") say little; its shape says much.
// (Its public suffix as a marker, "<tld:top>", was tried: it found fewer dev scams.)
void LinkMarkers(std::string_view field_text, size_t begin, size_t end, Field field,
                 std::vector<ModelWord>* out) {
  std::string_view chunk = field_text.substr(begin, end - begin);
  if (!MayBeLink(chunk)) return;
  size_t first = chunk.find_first_not_of("([<\"'");
  size_t last = chunk.find_last_not_of(")]>\"',.;:!?");
  if (first == std::string_view::npos || last == std::string_view::npos || last < first) return;
  HostParts host;
  std::string_view link = chunk.substr(first, last - first + 1);
  if (!ParseHost(link, &host) || (host.registrable.empty() && !host.is_ip)) return;
  auto add = [&](std::string text) {
    out->push_back({std::move(text), field, static_cast<uint32_t>(begin), static_cast<uint32_t>(end), true});
  };
  add("<link>");
  if (host.path.size() > 1) add("<link-path>");
  if (IsTokenPath(link)) add("<link-token>");
  if (!host.has_scheme) add("<link-bare>");
}

// Words of one whitespace-free chunk at `base` in its field.
// Returns false when the text should end here (a mail footer).
bool ChunkWords(std::string_view field_text, size_t begin, size_t end, Field field, size_t max_words,
                std::vector<ModelWord>* out) {
  std::string_view chunk = field_text.substr(begin, end - begin);
  if (IsMailFooter(chunk)) return false;
  if (IsEmailAddress(chunk)) return true;
  LinkMarkers(field_text, begin, end, field, out);
  const char* s = field_text.data();
  size_t i = begin;
  while (i < end && out->size() < max_words) {
    // Skip to the next letter or digit.
    size_t run_start = i;
    UChar32 c;
    U8_NEXT(s, i, end, c);
    if (!(IsLetter(c) || IsDigit(c))) continue;
    ModelWord word{"", field, static_cast<uint32_t>(run_start), 0};
    bool has_digit = false;
    size_t run_end = i;
    std::string raw;
    for (size_t j = run_start;;) {
      size_t here = j;
      UChar32 d;
      U8_NEXT(s, j, end, d);
      bool letter = IsLetter(d);
      bool digit = IsDigit(d);
      bool apostrophe = (d == '\'' || d == 0x2019) && !word.text.empty() && j < end;
      if (apostrophe) {  // inside a word only: the next character must be a letter
        size_t k = j;
        UChar32 next;
        U8_NEXT(s, k, end, next);
        if (!IsLetter(next)) { run_end = here; break; }
        raw.append(s + here, j - here);
        continue;
      }
      if (!(letter || digit)) { run_end = here; break; }
      has_digit |= digit;
      raw.append(s + here, j - here);
      AppendFolded(d, &word.text);
      run_end = j;
      if (j >= end) break;
    }
    i = run_end;
    if (has_digit || LooksMasked(raw) || word.text.empty()) continue;
    word.end = static_cast<uint32_t>(run_end);
    out->push_back(std::move(word));
  }
  return true;
}

// Returns false when the text ended early (a footer).
bool FieldWords(std::string_view text, Field field, size_t max_words, std::vector<ModelWord>* out) {
  size_t i = 0;
  while (i < text.size() && out->size() < max_words) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    size_t begin = i;
    while (i < text.size() && !IsSpace(text[i])) ++i;
    if (begin < i && !ChunkWords(text, begin, i, field, max_words, out)) return false;
  }
  return true;
}

}  // namespace

bool IsEmailAddress(std::string_view chunk) {
  size_t at = chunk.find('@');
  return at != std::string_view::npos && at > 0 && chunk.find('.', at) != std::string_view::npos;
}

std::vector<ModelWord> NeutralWords(std::string_view subject, std::string_view text, size_t max_words) {
  std::vector<ModelWord> words;
  // About one word for every 4 bytes or more: room for them all at once, not a copy at every doubling.
  words.reserve(std::min(max_words, (subject.size() + text.size()) / 4 + 4));
  if (FieldWords(subject, Field::kSubject, max_words, &words))
    FieldWords(text, Field::kText, max_words, &words);
  return words;
}

std::string NeutralLine(const std::vector<ModelWord>& words) {
  std::string line;
  for (const ModelWord& w : words) {
    if (!line.empty()) line.push_back(' ');
    line += w.text;
  }
  return line;
}

}  // namespace redflag
