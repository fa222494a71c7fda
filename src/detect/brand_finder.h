// BrandFinder: where a message names a brand. Aliases from knowledge/brands/
// join the analyzer's Vectorscan pass; names written with spacing tricks
// ("W h a t s A p p") or digits for letters ("Wh4tsApp") match too, and names
// disguised with letters of another alphabet ("WhatsАpp", Cyrillic А) are
// found through their UTS #39 skeleton.
#ifndef REDFLAG_DETECT_BRAND_FINDER_H_
#define REDFLAG_DETECT_BRAND_FINDER_H_

#include <string_view>
#include <vector>

#include "detect/pattern_set.h"
#include "detect/registry.h"
#include "redflag/knowledge.h"

namespace redflag {

struct BrandHit {
  const Brand* brand;
  uint32_t start, end;  // in the normalised text
  bool disguised;       // written with look-alike letters of another alphabet
};

class BrandFinder {
 public:
  BrandFinder(const KnowledgeBase& kb, const BrandRegistry& registry, PatternSet* patterns);

  std::vector<BrandHit> Find(std::string_view normalized, const std::vector<Match>& matches) const;

 private:
  const BrandRegistry& registry_;
  uint32_t first_ = 0;
  std::vector<const Brand*> brands_;  // by PatternSet index - first_
  std::map<std::string, const Brand*> alias_skeletons_;
};

}  // namespace redflag

#endif  // REDFLAG_DETECT_BRAND_FINDER_H_
