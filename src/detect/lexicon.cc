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

std::vector<SignalHit> Lexicon::Find(std::string_view text, const std::vector<Match>& matches) const {
  auto edge = [&](uint32_t i) {
    return std::string_view(" \t\r\n,;:.!?").find(text[i]) != std::string_view::npos;
  };
  std::vector<SignalHit> hits, exceptions;
  for (const Match& m : matches) {
    const SignalPattern* p = PatternAt(m.pattern);
    if (p == nullptr) continue;
    uint32_t start = m.start, end = std::min<uint32_t>(m.end, static_cast<uint32_t>(text.size()));
    while (start < end && edge(start)) ++start;
    while (end > start && edge(end - 1)) --end;
    if (start == end) start = m.start, end = m.end;  // all edge: keep what matched
    (p->exception ? exceptions : hits).push_back({p, start, end});
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
