// How fast chat exports are read (bytes per second), Android and iOS layouts,
// from one string and from a zip. Parsing only: analysis is analyze_bench's.
#include <benchmark/benchmark.h>

#include <string>

#include "intake/call_transcript.h"
#include "intake/chat_export.h"

namespace {

// A realistic export of about `bytes` bytes: short and long messages,
// multi-line messages, app lines, two senders, dates over months.
std::string MakeExport(size_t bytes, bool ios) {
  const char* texts[] = {"Hi! Are we still on for Saturday?", "Yes, 1pm at the usual place 😊",
                         "Can you bring the photos from the wedding? Mum wants to see them all",
                         "<Media omitted>", "Ok see you then\nand don't forget the cake!",
                         "Did you get home ok after the rain? It was really heavy on the motorway tonight."};
  std::string out;
  int i = 0;
  while (out.size() < bytes) {
    int day = 1 + (i / 40) % 28, month = 1 + (i / 1120) % 12, hour = 8 + i % 14, minute = i % 60;
    char stamp[64];
    if (ios)
      std::snprintf(stamp, sizeof(stamp), "[%02d/%02d/2024, %02d:%02d:%02d] ", day, month, hour, minute, i % 60);
    else
      std::snprintf(stamp, sizeof(stamp), "%02d/%02d/2024, %02d:%02d - ", day, month, hour, minute);
    out += stamp;
    out += i % 2 ? "Sana Malik: " : "Ayesha: ";
    out += texts[i % 6];
    out += '\n';
    ++i;
  }
  return out;
}

void BM_ParseChatExport(benchmark::State& state) {
  std::string data = MakeExport(static_cast<size_t>(state.range(0)), state.range(1) != 0);
  redflag::ConversationLimits limits;
  limits.max_messages = 1 << 24;
  for (auto _ : state) {
    auto conv = redflag::ParseChatExport(data, limits);
    if (!conv.ok()) state.SkipWithError(conv.status().message().c_str());
    benchmark::DoNotOptimize(conv);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(data.size()));
  state.SetLabel(state.range(1) ? "ios" : "android");
}
BENCHMARK(BM_ParseChatExport)->Args({1 << 20, 0})->Args({1 << 20, 1})->Args({8 << 20, 0})->Unit(benchmark::kMillisecond);

void BM_ParseCallTranscript(benchmark::State& state) {
  std::string data;
  while (data.size() < (1 << 20)) data += "Caller: This is the bank's fraud team, please confirm the code.\nMe: Why?\n";
  redflag::ConversationLimits limits;
  limits.max_messages = 1 << 24;
  for (auto _ : state) benchmark::DoNotOptimize(redflag::ParseCallTranscript(data, limits));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(data.size()));
}
BENCHMARK(BM_ParseCallTranscript)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
