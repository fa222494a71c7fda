// `redflag kb lint`: load every file, compile every pattern, run every example.
#include <algorithm>
#include <memory>

#include "detect/lexicon.h"
#include "detect/pattern_set.h"
#include "knowledge/loader.h"
#include "knowledge/source_file.h"
#include "text/normalize.h"

namespace redflag {
namespace {

// Does `pattern` fire on `example` once its flag's exceptions are applied?
bool Fires(const PatternSet& set, const Lexicon& lexicon, const SignalPattern& pattern, const std::string& example) {
  NormalizedText text = Normalize(example);
  std::vector<Match> matches = set.Scan(text.text);
  if (pattern.exception) {
    return std::any_of(matches.begin(), matches.end(),
                       [&](const Match& m) { return lexicon.PatternAt(m.pattern) == &pattern; });
  }
  std::vector<SignalHit> hits = lexicon.Find(text.text, matches);
  return std::any_of(hits.begin(), hits.end(), [&](const SignalHit& h) { return h.pattern == &pattern; });
}

}  // namespace

std::vector<std::string> LintKnowledge(const std::string& dir, const std::string& cache_dir,
                                       const std::function<void()>& on_compiling) {
  std::vector<std::string> problems;
  std::vector<SourceFile> files;
  if (dir.empty()) {
    files = EmbeddedKnowledgeFiles();
  } else {
    auto read = ReadKnowledgeDir(dir);
    if (!read.ok()) return {read.status().message()};
    files = std::move(*read);
  }
  KnowledgeBase kb = ParseKnowledge(files, &problems);

  // Compile all patterns together (cached); when that fails, the engine names
  // the pattern, which is reported and left out, and the rest are tried again.
  std::unique_ptr<PatternSet> set;
  std::unique_ptr<Lexicon> lexicon;
  for (int attempt = 0; attempt < 50; ++attempt) {
    set = std::make_unique<PatternSet>();
    lexicon = std::make_unique<Lexicon>(kb, set.get());
    if (set->size() == 0) return problems;
    Status s = set->Compile(cache_dir, attempt == 0 ? on_compiling : std::function<void()>());
    if (s.ok()) break;
    const std::string& m = s.message();
    const SignalPattern* bad = m.rfind("pattern ", 0) == 0 ? lexicon->PatternAt(std::stoul(m.substr(8))) : nullptr;
    if (bad == nullptr) {
      problems.push_back("signals: the patterns do not compile together: " + m);
      return problems;
    }
    problems.push_back(bad->origin.ToString() + ": pattern '" + bad->id + "': " + m.substr(m.find(':') + 2));
    std::string bad_id = bad->id;
    lexicon.reset();
    std::erase_if(kb.signals, [&](const SignalPattern& p) { return p.id == bad_id; });
  }
  // RE2 finds the spans: it must accept every pattern too.
  for (const SignalPattern& p : kb.signals) {
    std::string reason = PatternSet::CheckSpanEngine(p.regex);
    if (!reason.empty()) problems.push_back(p.origin.ToString() + ": pattern '" + p.id + "': " + reason);
  }
  for (const SignalPattern& p : kb.signals) {
    for (const std::string& example : p.examples.match)
      if (!Fires(*set, *lexicon, p, example))
        problems.push_back(p.origin.ToString() + ": pattern '" + p.id + "' does not match its example \"" + example + "\"");
    for (const std::string& example : p.examples.no_match)
      if (Fires(*set, *lexicon, p, example))
        problems.push_back(p.origin.ToString() + ": pattern '" + p.id + "' matches its counter-example \"" + example + "\"");
  }
  return problems;
}

}  // namespace redflag
