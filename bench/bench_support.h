// Shared by the benchmarks: one analyzer over the built-in knowledge base,
// loading the cached pattern database so start-up does not dominate.
#ifndef REDFLAG_BENCH_BENCH_SUPPORT_H_
#define REDFLAG_BENCH_BENCH_SUPPORT_H_

#include "redflag/analyzer.h"

namespace redflag {

inline const Analyzer& SharedAnalyzer() {
  static const Analyzer* a = [] {
    AnalyzerOptions options;
    options.cache_dir = DefaultCacheDir();
    return Analyzer::Create(*LoadEmbeddedKnowledge(), options)->release();
  }();
  return *a;
}

}  // namespace redflag

#endif  // REDFLAG_BENCH_BENCH_SUPPORT_H_
