// The whole check of one message, knowledge base compiled once.
//   build/bench/analyze_bench
#include <benchmark/benchmark.h>

#include "bench_support.h"
#include "redflag/analyzer.h"

namespace redflag {
namespace {

void Analyze(benchmark::State& state, const char* text, Channel channel) {
  const Analyzer& analyzer = SharedAnalyzer();
  Message m;
  m.text = text;
  m.channel = channel;
  for (auto _ : state) benchmark::DoNotOptimize(analyzer.Analyze(m));
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(m.text.size()));
}

BENCHMARK_CAPTURE(Analyze, ham_sms, "Running 10 min late, order me the usual please. See you at 1pm", Channel::kSms);
BENCHMARK_CAPTURE(Analyze, otp_sms, "Your WhatsApp code: 123-456. Don't share this code with others", Channel::kSms);
BENCHMARK_CAPTURE(Analyze, code_theft, "Hi, sorry, I sent you a 6-digit code by mistake, can you send it to me? It's urgent",
                  Channel::kWhatsApp);
BENCHMARK_CAPTURE(Analyze, courier_link,
                  "DHL: your parcel is held at customs. Pay the customs fee of 2.99 GBP at "
                  "https://dhl-parcel-fee.top/pay to release it.",
                  Channel::kSms);

}  // namespace
}  // namespace redflag

BENCHMARK_MAIN();
