#include "model/features.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

namespace redflag {
namespace {

constexpr uint64_t kCharSeed = 14695981039346656037ull;  // FNV-1a's offset basis
constexpr uint64_t kWordSeed = kCharSeed ^ 0x9e3779b97f4a7c15ull;

inline uint64_t Feed(uint64_t h, std::string_view bytes) {
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  return h;
}

// FNV's low bits are weak; MurmurHash3's finaliser spreads every bit before masking.
inline uint32_t Index(uint64_t h, uint32_t mask) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return static_cast<uint32_t>(h) & mask;
}

// 1 + ln(count): most features occur once, so the common counts come from a table.
inline double Sublinear(uint32_t count) {
  static const auto table = [] {
    std::array<double, 64> t{};
    for (size_t c = 1; c < t.size(); ++c) t[c] = 1 + std::log(static_cast<double>(c));
    return t;
  }();
  return count < table.size() ? table[count] : 1 + std::log(static_cast<double>(count));
}

// A "word" of thousands of letters (a mangled link, an encoded blob) adds its
// first letters' n-grams only: the work and memory per message stay bounded.
constexpr size_t kMaxLettersPerWord = 256;

inline size_t Utf8Length(unsigned char lead) {
  return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

}  // namespace

Status CheckFeatureSpec(const FeatureSpec& spec) {
  if (spec.bits < 8 || spec.bits > 24 || spec.char_min < 1 || spec.char_max < spec.char_min || spec.char_max > 8)
    return InvalidArgument("model features out of range (bits 8..24, 1 <= char_min <= char_max <= 8): bits " +
                           std::to_string(spec.bits) + ", char_min " + std::to_string(spec.char_min) +
                           ", char_max " + std::to_string(spec.char_max));
  return Status::Ok();
}

uint32_t FeatureExtractor::SlotOf(uint32_t key) {
  size_t mask = table_.size() - 1;
  for (size_t i = (key * 2654435761u) & mask;; i = (i + 1) & mask) {
    Slot& s = table_[i];
    if (s.stamp != stamp_) {
      s = {stamp_, key, 0};
      keys_.push_back(static_cast<uint32_t>(i));
      return static_cast<uint32_t>(i);
    }
    if (s.key == key) return static_cast<uint32_t>(i);
  }
}

void FeatureExtractor::Extract(const std::vector<ModelWord>& words, std::vector<FeatureOccurrence>* out) {
  out->clear();
  const uint32_t mask = (1u << spec_.bits) - 1;
  // Each occurrence's key is index * 2 + block (0: characters, 1: words).
  std::vector<uint32_t>& key_of = scratch_keys_;
  key_of.clear();
  auto add = [&](uint32_t index, uint32_t block, uint32_t word, uint32_t other) {
    out->push_back({index, word, other, 0});
    key_of.push_back(index * 2 + block);
  };
  std::string& padded = padded_;
  for (uint32_t w = 0; w < words.size(); ++w) {
    if (words[w].marker) {
      add(Index(Feed(kWordSeed, words[w].text), mask), 1, w, w);
      continue;
    }
    padded.assign(1, ' ').append(words[w].text).push_back(' ');
    starts_.clear();
    for (size_t i = 0; i < padded.size() && starts_.size() < kMaxLettersPerWord;
         i += Utf8Length(static_cast<unsigned char>(padded[i])))
      starts_.push_back(static_cast<uint32_t>(i));
    size_t letters = starts_.size();
    starts_.push_back(static_cast<uint32_t>(
        letters < kMaxLettersPerWord ? padded.size()
                                     : starts_.back() + Utf8Length(static_cast<unsigned char>(padded[starts_.back()]))));
    for (size_t i = 0; i < letters; ++i) {
      uint64_t h = kCharSeed;
      for (size_t n = 1; n <= static_cast<size_t>(spec_.char_max) && i + n <= letters; ++n) {
        h = Feed(h, std::string_view(padded).substr(starts_[i + n - 1], starts_[i + n] - starts_[i + n - 1]));
        if (n >= static_cast<size_t>(spec_.char_min)) add(Index(h, mask), 0, w, w);
      }
    }
    uint64_t word = Feed(kWordSeed, words[w].text);
    add(Index(word, mask), 1, w, w);
    if (spec_.word_pairs && w + 1 < words.size())
      add(Index(Feed(Feed(word, " "), words[w + 1].text), mask), 1, w, w + 1);
  }

  // Count each (block, index), then give each occurrence its share.
  size_t size = 1024;
  while (size < 2 * out->size()) size *= 2;
  if (table_.size() < size) table_.assign(size, Slot{});
  if (++stamp_ == 0) {  // after 2^32 calls: forget every old stamp
    std::fill(table_.begin(), table_.end(), Slot{});
    stamp_ = 1;
  }
  keys_.clear();
  for (uint32_t& key : key_of) {
    key = SlotOf(key);  // from here on: the occurrence's slot
    ++table_[key].count;
  }
  double char_sum = 0, word_sum = 0;  // two sums, not an array: no store in the loop
  for (uint32_t slot : keys_) {
    double v = Sublinear(table_[slot].count);
    (table_[slot].key & 1 ? word_sum : char_sum) += v * v;
  }
  const double norm[2] = {char_sum > 0 ? 1 / std::sqrt(char_sum) : 1, word_sum > 0 ? 1 / std::sqrt(word_sum) : 1};
  for (size_t i = 0; i < out->size(); ++i) {
    const Slot& slot = table_[key_of[i]];
    (*out)[i].value = static_cast<float>(Sublinear(slot.count) / slot.count * norm[slot.key & 1]);
  }
}

std::vector<std::pair<uint32_t, float>> FeatureRow(const std::vector<FeatureOccurrence>& occurrences) {
  std::vector<std::pair<uint32_t, float>> row;
  row.reserve(occurrences.size());
  for (const FeatureOccurrence& o : occurrences) row.emplace_back(o.index, o.value);
  std::sort(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  size_t out = 0;
  for (size_t i = 0; i < row.size(); ++i) {
    if (out > 0 && row[out - 1].first == row[i].first) row[out - 1].second += row[i].second;
    else row[out++] = row[i];
  }
  row.resize(out);
  return row;
}

}  // namespace redflag
