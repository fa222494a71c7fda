#include "text/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>

namespace redflag {
namespace {

bool IsAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

// NFKC_Casefold through ICU, recording for each output byte the source range.
void FoldWithIcu(std::string_view in, std::string* out, std::vector<uint32_t>* begin,
                 std::vector<uint32_t>* end) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  icu::Edits edits;
  icu::StringByteSink<std::string> sink(out);
  if (U_SUCCESS(status)) {
    nfkc_cf->normalizeUTF8(0, icu::StringPiece(in.data(), static_cast<int32_t>(in.size())), sink,
                           &edits, status);
  }
  if (U_FAILURE(status)) {  // cannot happen for valid UTF-8; keep the text as given
    out->assign(in);
    for (uint32_t i = 0; i < in.size(); ++i) begin->push_back(i), end->push_back(i + 1);
    return;
  }
  icu::Edits::Iterator it = edits.getFineIterator();
  while (it.next(status)) {
    uint32_t src = it.sourceIndex(), old_len = it.oldLength(), new_len = it.newLength();
    if (!it.hasChange()) {
      for (uint32_t k = 0; k < new_len; ++k) begin->push_back(src + k), end->push_back(src + k + 1);
    } else {
      for (uint32_t k = 0; k < new_len; ++k) begin->push_back(src), end->push_back(src + old_len);
    }
  }
}

// Straight quotes for the typographic ones, so lexicons need one form.
UChar32 StraightenQuote(UChar32 c) {
  switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x00B4: case 0x0060:
      return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB: case 0x00BB:
      return '"';
    default:
      return c;
  }
}

// ICU's property lookup for every byte of an ASCII text costs more than the rest of the pass, so the
// ASCII answers come from a table built from it once.
const std::array<bool, 128>& AsciiSpaces() {
  static const auto table = [] {
    std::array<bool, 128> t{};
    for (UChar32 a = 0; a < 128; ++a) t[a] = u_isUWhiteSpace(a) || a == '\t' || a == '\n' || a == '\r';
    return t;
  }();
  return table;
}

bool IsSpace(UChar32 c) { return c < 128 ? AsciiSpaces()[c] : u_isUWhiteSpace(c); }

void DropTrailingSpace(NormalizedText* result) {
  if (!result->text.empty() && result->text.back() == ' ') {
    result->text.pop_back();
    result->source_begin.pop_back();
    result->source_end.pop_back();
  }
}

// The common case: NFKC_Casefold of ASCII is lower case, and each byte is its own source, so the two
// passes become one with no offset map in between.
NormalizedText NormalizeAscii(std::string_view ascii) {
  const std::array<bool, 128>& space = AsciiSpaces();
  // Never longer than the input: sized once, written in place, cut to its length at the end.
  NormalizedText result;
  result.text.resize(ascii.size());
  result.source_begin.resize(ascii.size());
  result.source_end.resize(ascii.size());
  size_t n = 0;
  bool in_space = true;  // drops leading white space
  for (uint32_t i = 0; i < ascii.size(); ++i) {
    char c = ascii[i];
    if (space[static_cast<unsigned char>(c)]) {
      if (in_space) continue;
      in_space = true;
      c = ' ';
    } else {
      in_space = false;
      c = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(StraightenQuote(c));
    }
    result.text[n] = c;
    result.source_begin[n] = i;
    result.source_end[n] = i + 1;
    ++n;
  }
  if (n > 0 && result.text[n - 1] == ' ') --n;  // a trailing space goes
  result.text.resize(n);
  result.source_begin.resize(n);
  result.source_end.resize(n);
  return result;
}

}  // namespace

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

Status ValidateUtf8(std::string_view text, std::string_view what) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      return InvalidArgument(std::string(what) + ": invalid UTF-8 at byte " + std::to_string(at));
    }
    if (c == 0) {
      return InvalidArgument(std::string(what) + ": NUL byte at byte " + std::to_string(at) +
                             " (binary data is not a message)");
    }
  }
  return Status::Ok();
}

NormalizedText Normalize(std::string_view utf8) {
  if (IsAscii(utf8)) return NormalizeAscii(utf8);
  std::string folded;
  std::vector<uint32_t> fold_begin, fold_end;
  folded.reserve(utf8.size());
  fold_begin.reserve(utf8.size());
  fold_end.reserve(utf8.size());
  FoldWithIcu(utf8, &folded, &fold_begin, &fold_end);

  // Second pass: one space for each run of white space, straight quotes.
  NormalizedText result;
  result.text.reserve(folded.size());
  result.source_begin.reserve(folded.size());
  result.source_end.reserve(folded.size());
  const auto* s = reinterpret_cast<const uint8_t*>(folded.data());
  int32_t length = static_cast<int32_t>(folded.size());
  bool in_space = true;  // drops leading white space
  for (int32_t i = 0; i < length;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT_OR_FFFD(s, i, length, c);
    if (IsSpace(c)) {
      if (!in_space) {
        result.text.push_back(' ');
        result.source_begin.push_back(fold_begin[start]);
        result.source_end.push_back(fold_end[i - 1]);
      }
      in_space = true;
      continue;
    }
    in_space = false;
    UChar32 straight = StraightenQuote(c);
    if (straight != c) {
      result.text.push_back(static_cast<char>(straight));
      result.source_begin.push_back(fold_begin[start]);
      result.source_end.push_back(fold_end[i - 1]);
      continue;
    }
    for (int32_t k = start; k < i; ++k) {
      result.text.push_back(folded[k]);
      result.source_begin.push_back(fold_begin[k]);
      result.source_end.push_back(fold_end[k]);
    }
  }
  DropTrailingSpace(&result);
  return result;
}

}  // namespace redflag
