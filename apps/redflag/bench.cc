// redflag bench: how fast the whole pipeline runs on your messages, to size a deployment.
// Each message goes through what `scan` does to it (parse the JSON line, analyse, write the report),
// without the disk: the lines are read into memory first. The first pass warms the engine's lazily
// built automata and is reported apart; the later passes give the steady rate and each message's time.
// No message text is printed.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "common.h"
#include "intake/jsonl.h"

namespace redflag::cli {
namespace {

using Clock = std::chrono::steady_clock;

struct BenchOptions {
  EngineOptions engine;
  std::string input = "-";
  unsigned threads = 1;
  unsigned passes = 3;
  size_t max_messages = 1'000'000;
  bool compact = false;
  std::string format = "text";
};

struct Line {
  std::string text;
  size_t number;
};

// One pass over every line on `threads` threads: its wall time, and each message's time when asked.
struct Pass {
  double seconds = 0;
  size_t report_bytes = 0;     // error lines too, as scan writes them
  std::vector<size_t> failed;  // lines that failed on the way (not JSON, a message the engine refuses)
};

Pass RunPass(const Analyzer& analyzer, const BenchOptions& o, const std::vector<Line>& lines,
             std::vector<float>* micros) {
  std::atomic<size_t> next{0}, report_bytes{0};
  std::vector<std::vector<float>> per_thread(o.threads);
  std::vector<std::vector<size_t>> failed(o.threads);
  auto work = [&](unsigned t) {
    JsonlParser parser;
    for (size_t i; (i = next.fetch_add(1)) < lines.size();) {
      Clock::time_point start = Clock::now();
      std::string verdict;
      report_bytes += ScanLine(analyzer, &parser, lines[i].text, lines[i].number, o.compact, &verdict).size();
      if (verdict.empty()) failed[t].push_back(lines[i].number);
      if (micros)
        per_thread[t].push_back(std::chrono::duration<float, std::micro>(Clock::now() - start).count());
    }
  };
  Clock::time_point started = Clock::now();
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < o.threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (std::thread& t : pool) t.join();
  Pass pass{std::chrono::duration<double>(Clock::now() - started).count(), report_bytes.load(), {}};
  for (const auto& v : failed) pass.failed.insert(pass.failed.end(), v.begin(), v.end());
  std::sort(pass.failed.begin(), pass.failed.end());
  if (micros)
    for (const auto& v : per_thread) micros->insert(micros->end(), v.begin(), v.end());
  return pass;
}

double Percentile(const std::vector<float>& sorted, double p) {
  if (sorted.empty()) return 0;
  size_t i = std::min(sorted.size() - 1, static_cast<size_t>(p * static_cast<double>(sorted.size())));
  return sorted[i];
}

int RunBench(const BenchOptions& o) {
  int exit_code = kExitOk;
  std::ifstream file;
  std::istream* in = OpenInput(o.input, &file, &exit_code);
  if (!in) return exit_code;
  // Lines first: a bench of a file it cannot hold says so instead of timing part of it.
  LineReader reader(*in, o.engine.max_bytes * 2);
  std::vector<Line> lines;
  std::vector<size_t> too_long;
  std::string text;
  bool over = false;
  while (reader.Next(&text, &over)) {
    if (over) {
      too_long.push_back(reader.line_number());
      continue;
    }
    if (text.find_first_not_of(" \t") == std::string::npos) continue;
    if (lines.size() == o.max_messages) {
      std::cerr << "redflag: " << o.input << " holds more than " << o.max_messages
                << " messages; bench a part of it, or raise --max-messages\n";
      return kExitBadInput;
    }
    lines.push_back({std::move(text), reader.line_number()});
  }
  if (lines.empty()) {
    std::cerr << "redflag: " << o.input
              << " holds no messages (JSON Lines: {\"id\", \"text\", ...} a line)\n";
    return kExitBadInput;
  }
  auto analyzer = LoadAnalyzer(o.engine, &exit_code);
  if (!analyzer) return exit_code;

  Pass first = RunPass(*analyzer, o, lines, nullptr);
  std::vector<float> micros;  // each message's time in the last pass: memory bounded by the file
  double steady_seconds = 0;
  for (unsigned p = 1; p < o.passes; ++p)
    steady_seconds += RunPass(*analyzer, o, lines, p + 1 == o.passes ? &micros : nullptr).seconds;
  std::sort(micros.begin(), micros.end());
  size_t steady_messages = lines.size() * (o.passes - 1);
  double first_rate = static_cast<double>(lines.size()) / std::max(first.seconds, 1e-9);
  double steady_rate = static_cast<double>(steady_messages) / std::max(steady_seconds, 1e-9);

  nlohmann::json j = {{"messages", lines.size()},
                      {"failed_lines", first.failed},
                      {"lines_too_long", too_long},
                      {"threads", o.threads},
                      {"passes", o.passes},
                      {"compact", o.compact},
                      {"report_bytes", first.report_bytes},
                      {"first_pass", {{"seconds", first.seconds}, {"messages_per_second", first_rate}}}};
  if (o.passes > 1)
    j["steady"] = {{"seconds", steady_seconds},
                   {"messages_per_second", steady_rate},
                   {"micros",
                    {{"p50", Percentile(micros, 0.50)},
                     {"p90", Percentile(micros, 0.90)},
                     {"p99", Percentile(micros, 0.99)},
                     {"max", Percentile(micros, 1.0)}}}};
  if (o.format == "json") {
    std::cout << j.dump() << "\n";
    return kExitOk;
  }
  std::cout << lines.size() << " messages";
  if (!first.failed.empty()) {
    std::cout << " (" << first.failed.size() << " failed on the way, not JSON or refused; lines";
    for (size_t i = 0; i < std::min<size_t>(first.failed.size(), 10); ++i)
      std::cout << " " << first.failed[i];
    std::cout << (first.failed.size() > 10 ? " ...)" : ")");
  }
  if (!too_long.empty()) std::cout << ", " << too_long.size() << " lines over the size limit left out";
  std::cout << "; " << o.threads << " thread" << (o.threads == 1 ? "" : "s")
            << (o.compact ? ", compact reports" : "") << "; " << first.report_bytes
            << " bytes of reports a pass\n";
  std::cout << "first pass:  " << static_cast<long>(first_rate) << " messages/s (" << first.seconds
            << " s; builds the automata it needs)\n";
  if (o.passes > 1) {
    std::cout << "later passes: " << static_cast<long>(steady_rate) << " messages/s over " << (o.passes - 1)
              << " pass" << (o.passes == 2 ? "" : "es") << "; per message (last pass) p50 "
              << Percentile(micros, 0.5) << " us, p90 " << Percentile(micros, 0.9) << " us, p99 "
              << Percentile(micros, 0.99) << " us, max " << Percentile(micros, 1.0) << " us\n";
  }
  return kExitOk;
}

}  // namespace

void AddBenchCommand(CLI::App* app, int* exit_code) {
  auto o = std::make_shared<BenchOptions>();
  CLI::App* cmd = app->add_subcommand("bench",
                                      "Time the whole pipeline on JSON Lines messages (as scan, from "
                                      "memory): messages/s and each message's time");
  cmd->add_option("input", o->input, "The JSON Lines file ('-' = standard input)")->capture_default_str();
  cmd->add_option("--threads,-j", o->threads, "Worker threads")
      ->capture_default_str()
      ->check(CLI::Range(1u, 256u));
  cmd->add_option("--passes", o->passes, "Passes over the messages; the first warms up and is reported apart")
      ->capture_default_str()
      ->check(CLI::Range(1u, 1000u));
  cmd->add_option("--max-messages", o->max_messages,
                  "Refuse a file with more messages than this (all are held in memory)")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1}, size_t{100'000'000}));
  cmd->add_flag("--compact", o->compact, "Compact reports, as scan --compact writes them");
  cmd->add_option("--format", o->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  AddEngineOptions(cmd, &o->engine);
  cmd->callback([o, exit_code] {
    o->engine.explain = !o->compact;
    o->engine.span_compile_threads = std::max(1u, o->threads);  // as scan: no compile mid-run
    *exit_code = RunBench(*o);
  });
}

}  // namespace redflag::cli
