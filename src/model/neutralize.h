// The words the scam model reads, and where each came from.
//
// Public corpora carry cues that give their labels away (SpamHunter masks
// digits with "X", Super SMS is lower-cased without digits or punctuation,
// Nazario mail names one recipient, SpamAssassin ham ends in list footers). A
// model trained on them learns the corpus, not the scam. So training and
// analysis read the same neutral view, made here and only here:
//   - words are runs of letters (any script), lower-cased; punctuation splits;
//     an apostrophe inside a word is dropped ("don't" -> "dont");
//   - a run holding a digit, or masked digits ("XXXX", "XX:XX"), is dropped;
//   - an e-mail address is dropped whole;
//   - a link adds marker words for its shape before its own words: "<link>",
//     "<link-path>" when it has a path, "<link-bare>" when written without
//     "http(s)://" (a link's random pieces say little, its shape much);
//   - a mailing-list footer (a line of underscores) ends the text;
//   - at most `max_words` words are kept (a prefix is enough to judge, and
//     bounds the cost of a long mail).
#ifndef REDFLAG_MODEL_NEUTRALIZE_H_
#define REDFLAG_MODEL_NEUTRALIZE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "redflag/report.h"

namespace redflag {

struct ModelWord {
  std::string text;      // the neutral form the model reads
  Field field;           // where it came from: kSubject or kText
  uint32_t start, end;   // byte offsets in that field, as given
  bool marker = false;   // a link's shape ("<link>", "<link-bare>"), not words: no character n-grams
};

inline constexpr size_t kModelMaxWords = 200;

// `subject` and `text` must be valid UTF-8. The subject's words come first.
std::vector<ModelWord> NeutralWords(std::string_view subject, std::string_view text,
                                    size_t max_words = kModelMaxWords);

// A whitespace-free chunk with an "@" after its first byte and a dot after the
// "@": an address the neutral view drops (and `eval --without-cues` too).
bool IsEmailAddress(std::string_view chunk);

// The words joined by single spaces: one line of the model's training file.
std::string NeutralLine(const std::vector<ModelWord>& words);

}  // namespace redflag

#endif  // REDFLAG_MODEL_NEUTRALIZE_H_
