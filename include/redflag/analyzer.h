// File: analyzer.h
// Analyzer: the redflag engine. It turns one Message into a Report, and
// judges a contact point (link, email, number, handle) against the brand
// registry.
//
//   auto kb = redflag::LoadEmbeddedKnowledge();
//   auto analyzer = redflag::Analyzer::Create(*kb);
//   redflag::Message m{.text = "I sent you a code by mistake, send it back", .channel = redflag::Channel::kWhatsApp};
//   auto report = (*analyzer)->Analyze(m);   // report->verdict == Verdict::kScam
//
// Thread safety: immutable after Create(); share one Analyzer across threads.
// Each call borrows a Vectorscan scratch space from an internal pool.
#ifndef REDFLAG_ANALYZER_H_
#define REDFLAG_ANALYZER_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "redflag/knowledge.h"
#include "redflag/message.h"
#include "redflag/report.h"
#include "redflag/status.h"

namespace redflag {

struct AnalyzerOptions {
  size_t max_message_bytes = 1 << 20;  // (1 MiB) longer text, sender or subject: kTooLarge
  // ("") Where to keep the compiled pattern database between runs. Compiling
  // the knowledge base's ~1,000 patterns takes seconds; loading them, milliseconds.
  // DefaultCacheDir() gives the usual place; "" compiles every time.
  std::string cache_dir;
  // (none) Called just before the patterns are compiled rather than loaded from
  // the cache, which takes about half a minute: time to tell a person to wait.
  std::function<void()> on_compiling;
  // (true) Let the trained scam model (red flag scam_language) take part.
  bool use_model = true;
  // ("") A model file (.weights, with its .json sidecar) instead of the one compiled in.
  std::string model_path;
  // (true) Write what a person reads: the summary, each red flag's title and
  // explanation, and the advice. Bulk scans that count and route leave them out.
  bool explain = true;
  // (0) Threads that compile every pattern's span finder (RE2) at start: about a
  // second of CPU in all. 0 compiles each on first use instead, which suits a
  // single check; a long run (scan) pays at start, not mid-stream.
  unsigned span_compile_threads = 0;
};

// $REDFLAG_CACHE_DIR, else $XDG_CACHE_HOME/redflag, else ~/.cache/redflag;
// "" when REDFLAG_CACHE_DIR is "off" or no home is known.
std::string DefaultCacheDir();

// What `verify` can be asked about.
enum class ContactKind { kAuto, kUrl, kEmail, kPhone, kHandle };

struct ContactQuery {
  std::string value;
  ContactKind kind = ContactKind::kAuto;
  std::string platform;  // for handles: x | telegram | instagram | facebook | whatsapp | tiktok
  std::string lang = "en";
};

// A brand's stated facts about one channel ("Binance never contacts users on WhatsApp").
struct ChannelFacts {
  std::string brand_id, brand_name, channel;
  std::string status;  // "never" | "uses" | "unknown"
  std::vector<std::string> official;     // official contacts on that channel
  std::vector<Statement> statements;     // the brand's own words
  std::string verify_tool_name, verify_tool_url;
  std::vector<Source> sources;
  std::string last_reviewed;
};

class Analyzer {
 public:
  // Compiles the knowledge base's patterns (once). Fails with kKnowledgeError
  // naming the pattern's file:line if one does not compile.
  static StatusOr<std::unique_ptr<Analyzer>> Create(std::shared_ptr<const KnowledgeBase> kb,
                                                    const AnalyzerOptions& options = {});
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;  // expensive: share by pointer
  Analyzer& operator=(const Analyzer&) = delete;

  // Errors: kInvalidArgument for empty text or invalid UTF-8 (naming the byte
  // offset), kTooLarge over options.max_message_bytes.
  StatusOr<Report> Analyze(const Message& message) const;
  // The same with the scam model's probability given instead of computed: for measuring (`redflag eval
  // --scores`), each row scored out of fold by a model that never saw it. The model's thresholds and the
  // words it quotes as evidence are still the loaded model's. Needs a model (not options.no_model).
  StatusOr<Report> AnalyzeWithModelProbability(const Message& message, double probability) const;

  // Judges one contact point: official, lookalike or unknown (never "safe").
  StatusOr<ContactVerdict> Verify(const ContactQuery& query) const;

  // A brand's facts for one channel; kNotFound for an unknown brand.
  StatusOr<ChannelFacts> BrandChannelFacts(const std::string& brand_id,
                                           const std::string& channel) const;

  const KnowledgeBase& knowledge() const;

  class Impl;

 private:
  explicit Analyzer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The library's version, "0.1.0".
const char* Version();

}  // namespace redflag

#endif  // REDFLAG_ANALYZER_H_
