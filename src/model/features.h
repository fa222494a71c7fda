// The scam model's features: hashed character n-grams of each word (2 to 5
// letters, the word padded with a space on each side, so prefixes and endings
// count) and hashed words and word pairs. Each family is one block: counts
// become 1 + ln(count) and each block is scaled to unit length, so a long mail
// and a short SMS weigh alike. Blocks share one hashed index space.
//
// Every feature occurrence remembers the word (or the two words) it came from,
// so a linear score splits exactly into one push per word.
#ifndef REDFLAG_MODEL_FEATURES_H_
#define REDFLAG_MODEL_FEATURES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "model/neutralize.h"
#include "redflag/status.h"

namespace redflag {

struct FeatureSpec {
  int bits = 18;              // 2^bits hashed features
  int char_min = 2, char_max = 5;
  bool word_pairs = true;     // words and adjacent word pairs; else words only
  bool operator==(const FeatureSpec&) const = default;
};

// Refuses a spec out of range (bits 8..24, 1 <= char_min <= char_max <= 8).
Status CheckFeatureSpec(const FeatureSpec& spec);

// One occurrence: `value` is its share of the feature's value (a feature
// seen c times has value (1 + ln c) / |block|, and each occurrence holds 1/c).
struct FeatureOccurrence {
  uint32_t index;             // < 2^bits
  uint32_t word, other_word;  // the words it came from (the same for all but pairs)
  float value;
};

// Reusable buffers: one per thread, so scoring allocates nothing once warm.
class FeatureExtractor {
 public:
  explicit FeatureExtractor(const FeatureSpec& spec) : spec_(spec) {}
  const FeatureSpec& spec() const { return spec_; }
  // Replaces `out` with the occurrences of `words`' features.
  void Extract(const std::vector<ModelWord>& words, std::vector<FeatureOccurrence>* out);

 private:
  struct Slot {
    uint32_t stamp = 0, key = 0, count = 0;
  };
  uint32_t SlotOf(uint32_t key);  // claims an empty slot for a new key

  FeatureSpec spec_;
  std::vector<Slot> table_;   // open addressing: occurrences per (block, index)
  uint32_t stamp_ = 0;        // a slot is empty unless its stamp is this call's
  std::vector<uint32_t> keys_;          // the slots this call claimed
  std::vector<uint32_t> scratch_keys_;  // each occurrence's key, then its slot
  std::string padded_;                  // the word being read, with a space on each side
  std::vector<uint32_t> starts_;        // where each letter of padded_ starts
};

// The distinct features of `occurrences` with their summed values, by index:
// the sparse row a trainer reads.
std::vector<std::pair<uint32_t, float>> FeatureRow(const std::vector<FeatureOccurrence>& occurrences);

}  // namespace redflag

#endif  // REDFLAG_MODEL_FEATURES_H_
