// PatternSet: many regular expressions matched in one pass.
// Add() every pattern, Compile() once, then Scan() from any thread.
//
// Two engines, one dialect: Vectorscan scans the text once for all patterns
// and says which ones matched; RE2 (also linear time, no ReDoS) then finds
// the spans of just those, since Vectorscan cannot report where a match
// starts through bounded repeats like ".{0,40}". Most patterns never match a
// given message, so the second step costs little.
//
// Offsets: a Match's [start, end) are byte offsets into the scanned text,
// start inclusive, end exclusive. A pattern's matches do not overlap each
// other (RE2's leftmost-first search, resumed after each match).
#ifndef REDFLAG_DETECT_PATTERN_SET_H_
#define REDFLAG_DETECT_PATTERN_SET_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "redflag/status.h"

struct hs_database;
struct hs_scratch;
namespace re2 {
class RE2;
}

namespace redflag {

struct Match {
  uint32_t pattern;  // the index Add() returned
  uint32_t start, end;
};

// Where a match may lie. kWholeWord: no letter or digit (\p{L}, \p{N}) touches
// either end. Checked in code: written into the regex as "(?:^|[^\p{L}\p{N}])",
// the guard makes RE2's programs 25 times larger and slow to compile and run.
enum class Bounds { kAnywhere, kWholeWord };

class PatternSet {
 public:
  PatternSet();
  ~PatternSet();
  PatternSet(const PatternSet&) = delete;
  PatternSet& operator=(const PatternSet&) = delete;

  // Returns the pattern's index. `trigger`, when given, is what Vectorscan
  // scans for instead of a loosened copy of `regex`: a necessary part of it
  // ("@[a-z]" for an email address), cheaper to look for at every byte.
  uint32_t Add(std::string regex, std::string trigger = "", Bounds bounds = Bounds::kAnywhere);
  // Fails naming the index of the first pattern that does not compile, so the
  // caller can name its file and line: "pattern 12: <the engine's reason>".
  // Compiling a large set takes seconds, so with a `cache_dir` the compiled
  // database is kept there, keyed on the patterns, the Vectorscan version and
  // this CPU, and reused; a cache file that does not fit is compiled anew.
  // The cache keeps the kCachedDatabases most recently used databases.
  // `before_compiling`, when given, is called when no cached database fits.
  Status Compile(const std::string& cache_dir = "", const std::function<void()>& before_compiling = {});
  static constexpr size_t kCachedDatabases = 8;  // about 10 MB each
  // Compiles every RE2 twin now, on `threads` threads, instead of on first use.
  void CompileSpanFinders(unsigned threads) const;
  // Checks one regex on its own with both engines; "" when it compiles, else the reason.
  static std::string Check(const std::string& regex);
  // Checks one regex with RE2 only (fast); "" when it compiles, else the reason.
  static std::string CheckSpanEngine(const std::string& regex);
  // Seconds Vectorscan takes to compile the copy it scans for `regex`, alone (negative if it cannot). Every
  // pattern lands in one database, so a slow one makes every first run slow: `kb lint --slowest` lists them.
  static double CompileSeconds(const std::string& regex);

  // Every match, sorted by start then pattern. Requires Compile().
  std::vector<Match> Scan(std::string_view text) const;
  // The patterns whose Vectorscan copy fired on `text`, before RE2 confirms them (for tests: the copy must
  // fire wherever its pattern matches). Requires Compile().
  std::vector<uint32_t> Fired(std::string_view text) const;
  size_t size() const { return regexes_.size(); }
  const std::string& regex(uint32_t index) const { return regexes_[index]; }

 private:
  hs_scratch* BorrowScratch() const;
  void ReturnScratch(hs_scratch* scratch) const;
  void Spans(uint32_t index, std::string_view text, std::vector<Match>* out) const;
  const re2::RE2& Twin(uint32_t index) const;

  std::vector<std::string> regexes_;
  std::vector<std::string> triggers_;  // "" for most: the loosened regex
  std::vector<Bounds> bounds_;
  hs_database* database_ = nullptr;
  hs_scratch* prototype_ = nullptr;
  mutable std::mutex pool_mutex_;
  mutable std::vector<hs_scratch*> pool_;  // one scratch per concurrent caller
  // RE2 twins, compiled on first use: most patterns never match anything,
  // and compiling all of them would add most of a second to every start.
  mutable std::vector<std::unique_ptr<re2::RE2>> twins_;
  std::unique_ptr<std::once_flag[]> twin_compiled_;
};

}  // namespace redflag

#endif  // REDFLAG_DETECT_PATTERN_SET_H_
