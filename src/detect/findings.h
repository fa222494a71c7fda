// Findings: the red flags raised while analysing one message, with evidence.
#ifndef REDFLAG_DETECT_FINDINGS_H_
#define REDFLAG_DETECT_FINDINGS_H_

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "redflag/report.h"

namespace redflag {

struct FlagHit {
  double strength = 0;  // 0..1, the strongest detector's certainty
  std::vector<Evidence> evidence;
};

class Findings {
 public:
  void Add(const std::string& flag, double strength, Evidence evidence) {
    FlagHit& hit = flags_[flag];
    hit.strength = std::max(hit.strength, strength);
    // One quote is enough where one span holds another.
    for (const Evidence& e : hit.evidence)
      if (e.field == evidence.field && e.start <= evidence.start && evidence.end <= e.end) return;
    std::erase_if(hit.evidence, [&](const Evidence& e) {
      return e.field == evidence.field && evidence.start <= e.start && e.end <= evidence.end;
    });
    hit.evidence.push_back(std::move(evidence));
  }
  void Remove(const std::string& flag) { flags_.erase(flag); }
  bool Has(const std::string& flag) const { return flags_.count(flag) > 0; }
  const FlagHit* Get(const std::string& flag) const {
    auto it = flags_.find(flag);
    return it == flags_.end() ? nullptr : &it->second;
  }
  const std::map<std::string, FlagHit>& all() const { return flags_; }

 private:
  std::map<std::string, FlagHit> flags_;
};

}  // namespace redflag

#endif  // REDFLAG_DETECT_FINDINGS_H_
