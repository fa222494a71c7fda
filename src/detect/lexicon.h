// Lexicon: every signal pattern of every language (knowledge/signals/), run in
// the analyzer's single pattern pass. A pattern match that overlaps one of its flag's
// exceptions ("do not share this code") is dropped.
#ifndef REDFLAG_DETECT_LEXICON_H_
#define REDFLAG_DETECT_LEXICON_H_

#include <string_view>
#include <vector>

#include "detect/pattern_set.h"
#include "redflag/knowledge.h"

namespace redflag {

struct SignalHit {
  const SignalPattern* pattern;
  uint32_t start, end;  // in the normalised text
};

class Lexicon {
 public:
  // Adds the knowledge base's signal patterns to `patterns`.
  Lexicon(const KnowledgeBase& kb, PatternSet* patterns);

  // The signal hits among `matches` of `text`, exceptions applied, in text
  // order. A hit leaves out the spaces and punctuation a pattern's edges take in
  // (" send me the code," quotes "send me the code").
  std::vector<SignalHit> Find(std::string_view text, const std::vector<Match>& matches) const;
  // The pattern behind a PatternSet index, or nullptr if it is not a signal.
  const SignalPattern* PatternAt(uint32_t index) const;

 private:
  uint32_t first_ = 0;
  std::vector<const SignalPattern*> patterns_;  // by PatternSet index - first_
};

}  // namespace redflag

#endif  // REDFLAG_DETECT_LEXICON_H_
