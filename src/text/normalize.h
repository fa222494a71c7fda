// Normalisation: the text the lexicons and extractors see.
// Unicode NFKC with case folding (so "ＷhatsApp" and "WHATSAPP" read "whatsapp"),
// invisible characters removed, curly quotes made straight, every run of white
// space made one space. An offset map leads back to the bytes as given, so that
// evidence always quotes the original.
#ifndef REDFLAG_TEXT_NORMALIZE_H_
#define REDFLAG_TEXT_NORMALIZE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "redflag/status.h"

namespace redflag {

struct NormalizedText {
  std::string text;
  // For each byte of `text`: where its source starts and ends in the original.
  std::vector<uint32_t> source_begin, source_end;

  // The original byte range [begin, end) that produced text[a, b); a < b.
  std::pair<uint32_t, uint32_t> ToOriginal(size_t a, size_t b) const {
    return {source_begin[a], source_end[b - 1]};
  }
};

// kInvalidArgument naming `what` and the byte offset of the first bad sequence.
Status ValidateUtf8(std::string_view text, std::string_view what);

// `utf8` must be valid UTF-8 (see ValidateUtf8).
NormalizedText Normalize(std::string_view utf8);

// ASCII letters lower-cased, every other byte as it is: for protocol words (headers, schemes, hosts,
// phrases compared byte for byte), not for a person's text, which Normalize() folds.
std::string AsciiLower(std::string_view s);

}  // namespace redflag

#endif  // REDFLAG_TEXT_NORMALIZE_H_
