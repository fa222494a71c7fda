#include "detect/lexicon.h"

#include <algorithm>

namespace redflag {

Lexicon::Lexicon(const KnowledgeBase& kb, PatternSet* patterns) {
  first_ = static_cast<uint32_t>(patterns->size());
  for (const SignalPattern& p : kb.signals) {
    patterns->Add(p.regex);
    patterns_.push_back(&p);
  }
}

const SignalPattern* Lexicon::PatternAt(uint32_t index) const {
  if (index < first_ || index - first_ >= patterns_.size()) return nullptr;
  return patterns_[index - first_];
}

std::vector<SignalHit> Lexicon::Find(const std::vector<Match>& matches) const {
  std::vector<SignalHit> hits, exceptions;
  for (const Match& m : matches) {
    const SignalPattern* p = PatternAt(m.pattern);
    if (p == nullptr) continue;
    (p->exception ? exceptions : hits).push_back({p, m.start, m.end});
  }
  if (exceptions.empty()) return hits;
  auto excepted = [&](const SignalHit& hit) {
    return std::any_of(exceptions.begin(), exceptions.end(), [&](const SignalHit& e) {
      return e.pattern->flag == hit.pattern->flag && e.start < hit.end && hit.start < e.end;
    });
  };
  hits.erase(std::remove_if(hits.begin(), hits.end(), excepted), hits.end());
  return hits;
}

}  // namespace redflag
