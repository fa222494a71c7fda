// Each stage of the pipeline over real messages (../shared/corpus/dev.jsonl,
// SMS and chat rows), so a slow stage shows up by name. Skips without the corpus.
//   build/bench/stages_bench [path/to/dev.jsonl]
#include <benchmark/benchmark.h>

#include <fstream>
#include <iostream>

#include "intake/jsonl.h"
#include "model/neutralize.h"
#include "model/scam_model.h"
#include "bench_support.h"
#include "redflag/analyzer.h"
#include "report/report_json.h"
#include "text/language.h"
#include "text/normalize.h"

namespace redflag {
namespace {

std::string corpus_path = "../shared/corpus/dev.jsonl";

const std::vector<Message>& Messages() {
  static const std::vector<Message> messages = [] {
    std::vector<Message> out;
    std::ifstream in(corpus_path);
    JsonlParser parser;
    for (std::string line; std::getline(in, line) && out.size() < 5000;) {
      auto r = parser.Parse(line);
      if (r.ok() && r->message.channel != Channel::kEmail) out.push_back(r->message);
    }
    return out;
  }();
  return messages;
}

template <typename F>
void OverCorpus(benchmark::State& state, F f) {
  const auto& messages = Messages();
  if (messages.empty()) {
    // The path it tried: Google Benchmark leaves a flag it does not know in argv,
    // where it is taken for the corpus ("--benchmark_min_time=0.5s" before 1.8).
    static const std::string error = "no messages read from " + corpus_path;
    state.SkipWithError(error.c_str());
    return;
  }
  size_t i = 0;
  for (auto _ : state) f(messages[i++ % messages.size()]);
  state.SetItemsProcessed(state.iterations());
}

void BM_Normalize(benchmark::State& s) {
  OverCorpus(s, [](const Message& m) { benchmark::DoNotOptimize(Normalize(m.text)); });
}
void BM_Language(benchmark::State& s) {
  OverCorpus(s, [](const Message& m) { benchmark::DoNotOptimize(DetectLanguage(m.text)); });
}
void BM_Analyze(benchmark::State& s) {
  const Analyzer& a = SharedAnalyzer();
  OverCorpus(s, [&](const Message& m) { benchmark::DoNotOptimize(a.Analyze(m)); });
}
void BM_AnalyzeAndJson(benchmark::State& s) {
  const Analyzer& a = SharedAnalyzer();
  OverCorpus(s, [&](const Message& m) { benchmark::DoNotOptimize(ReportJson(*a.Analyze(m))); });
}
void BM_ModelWords(benchmark::State& s) {
  OverCorpus(s, [](const Message& m) { benchmark::DoNotOptimize(NeutralWords(m.subject, m.text)); });
}
void BM_ModelScore(benchmark::State& s) {
  static const auto model = ScamModel::LoadEmbedded();
  if (!model.ok() || *model == nullptr) {
    s.SkipWithError("no model compiled in");
    return;
  }
  OverCorpus(s, [&](const Message& m) { benchmark::DoNotOptimize((*model)->Score(NeutralWords(m.subject, m.text))); });
}
BENCHMARK(BM_Normalize);
BENCHMARK(BM_ModelWords);
BENCHMARK(BM_ModelScore);
BENCHMARK(BM_Language);
BENCHMARK(BM_Analyze);
BENCHMARK(BM_AnalyzeAndJson);

}  // namespace
}  // namespace redflag

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (argc > 1) redflag::corpus_path = argv[1];
  benchmark::RunSpecifiedBenchmarks();
}
