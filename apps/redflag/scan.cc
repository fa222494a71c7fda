// redflag scan: many messages, JSON Lines in, one report per line out, in input order.
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <thread>

#include "common.h"
#include "intake/jsonl.h"
#include "report/json.h"
#include "report/report_json.h"

namespace redflag::cli {
namespace {

constexpr size_t kBatchLines = 2048;

struct ScanOptions {
  EngineOptions engine;
  std::string input = "-";
  unsigned threads = 1;
  bool quiet = false;
  bool compact = false;
};

struct Item {
  std::string line;
  size_t number = 0;
  bool too_long = false;
  std::string output;
  std::string verdict;  // "" for an error line
};

void Process(const Analyzer& analyzer, const ScanOptions& o, Item* item, JsonlParser* parser) {
  if (item->too_long) {
    item->output = ErrorLine("", item->number, "too_large",
                             "over the limit of " + std::to_string(o.engine.max_bytes * 2) + " bytes");
    return;
  }
  item->output = ScanLine(analyzer, parser, item->line, item->number, o.compact, &item->verdict);
}

int RunScan(const ScanOptions& o) {
  int exit_code = kExitOk;
  EngineOptions engine = o.engine;
  engine.span_compile_threads = std::max(1u, o.threads);  // a scan is long: no compile mid-stream
  auto analyzer = LoadAnalyzer(engine, &exit_code);
  if (!analyzer) return exit_code;
  std::ifstream file;
  std::istream* in = OpenInput(o.input, &file, &exit_code);
  if (!in) return exit_code;
  // A JSON line holds the text escaped: allow twice the message limit for it.
  LineReader reader(*in, o.engine.max_bytes * 2);
  unsigned threads = std::max(1u, o.threads);
  std::vector<JsonlParser> parsers(threads);
  bool progress = !o.quiet && IsTerminal(2);
  std::map<std::string, size_t> counts;
  size_t total = 0;
  auto started = std::chrono::steady_clock::now();
  std::vector<Item> batch;
  std::ios::sync_with_stdio(false);
  for (bool more = true; more;) {
    batch.clear();
    while (batch.size() < kBatchLines) {
      // A live stream that has gone quiet gets the reports of what came so far, not a wait for a full batch.
      if (!batch.empty() && !reader.LineReady()) break;
      Item item;
      if (!reader.Next(&item.line, &item.too_long)) {
        more = false;
        break;
      }
      item.number = reader.line_number();
      if (item.line.find_first_not_of(" \t") == std::string::npos && !item.too_long) continue;  // blank line
      batch.push_back(std::move(item));
    }
    std::atomic<size_t> next{0};
    auto work = [&](unsigned t) {
      for (size_t i; (i = next.fetch_add(1)) < batch.size();) Process(*analyzer, o, &batch[i], &parsers[t]);
    };
    if (threads == 1) {
      work(0);
    } else {
      std::vector<std::thread> pool;
      for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work, t);
      for (auto& t : pool) t.join();
    }
    for (Item& item : batch) {
      std::cout << item.output << '\n';
      ++counts[item.verdict.empty() ? "error" : item.verdict];
    }
    std::cout.flush();  // a batch's reports go out together, whoever reads them
    total += batch.size();
    if (progress) {
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      std::cerr << "\rscanned " << total << " messages (" << static_cast<long>(total / std::max(seconds, 1e-9))
                << "/s)" << std::flush;
    }
  }
  std::cout.flush();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (progress) std::cerr << "\n";
  if (!o.quiet) {
    std::cerr << "scanned " << total << " messages in " << seconds << " s ("
              << static_cast<long>(total / std::max(seconds, 1e-9)) << " messages/s, " << threads << " thread"
              << (threads == 1 ? "" : "s") << "): " << counts["scam"] << " scam, " << counts["suspicious"]
              << " suspicious, " << counts["no_red_flags"] << " no red flags, " << counts["error"] << " errors\n";
  }
  return kExitOk;
}

}  // namespace

std::string ScanLine(const Analyzer& analyzer, JsonlParser* parser, const std::string& line, size_t number,
                     bool compact, std::string* verdict, const std::string& received) {
  auto record = parser->Parse(line);
  if (!record.ok()) return ErrorLine("", number, "invalid_line", record.status().message());
  if (record->time.empty()) record->time = received;
  auto report = analyzer.Analyze(record->message);
  if (!report.ok()) {
    std::string code = report.status().code() == StatusCode::kTooLarge ? "too_large" : "invalid_message";
    return ErrorLine(record->id, number, code, report.status().message());
  }
  *verdict = VerdictName(report->verdict);
  return ReportJson(*report, /*pretty=*/false, {&record->id, &record->time, number, compact});
}

void AddScanCommand(CLI::App* app, int* exit_code) {
  auto o = std::make_shared<ScanOptions>();
  CLI::App* cmd = app->add_subcommand("scan", "Scan JSON Lines ({\"id\", \"text\", ...} a line): one report a line, in order");
  cmd->add_option("input", o->input, "The JSON Lines file ('-' = standard input)")->capture_default_str();
  cmd->add_option("--threads,-j", o->threads, "Worker threads")->capture_default_str()->check(CLI::Range(1u, 256u));
  cmd->add_flag("--quiet,-q", o->quiet, "No progress or summary on standard error");
  cmd->add_flag(
      "--compact", o->compact,
      "Reports without summary, titles, explanations or advice (verdicts, flags and evidence are the same)");
  AddEngineOptions(cmd, &o->engine);
  cmd->callback([o, exit_code] {
    o->engine.explain = !o->compact;
    *exit_code = RunScan(*o);
  });
}

}  // namespace redflag::cli
