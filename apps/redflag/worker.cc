// redflag worker: the engine on a NATS JetStream stream (see src/stream/jetstream_worker.h).
#include <nats/nats.h>

#include <csignal>
#include <iostream>

#include "common.h"
#include "stream/jetstream_worker.h"

namespace redflag::cli {
namespace {

std::atomic<bool> stop_requested{false};

extern "C" void RequestStop(int) { stop_requested.store(true); }

struct WorkerCliOptions {
  EngineOptions engine;
  WorkerOptions stream;
  bool compact = false;
};

int RunWorker(const WorkerCliOptions& o) {
  int exit_code = kExitOk;
  EngineOptions engine = o.engine;
  engine.span_compile_threads = 1;  // a worker runs long: no compile mid-stream
  auto analyzer = LoadAnalyzer(engine, &exit_code);
  if (!analyzer) return exit_code;
  std::signal(SIGINT, RequestStop);
  std::signal(SIGTERM, RequestStop);
  JsonlParser parser;
  ReportFunction report = [&](const std::string& line, uint64_t sequence, const std::string& received,
                              bool* error) {
    std::string verdict;
    std::string out = ScanLine(*analyzer, &parser, line, sequence, o.compact, &verdict, received);
    *error = verdict.empty();
    return out;
  };
  WorkerCounts counts;
  Status status = RunJetStreamWorker(o.stream, report, stop_requested, std::cerr, &counts);
  nats_CloseAndWait(5000);  // the client library's threads, and the memory they hold, are gone before exit
  if (!status.ok()) {
    std::cerr << "redflag worker: " << status.message() << "\n";
    return kExitInternal;
  }
  return kExitOk;
}

}  // namespace

void AddWorkerCommand(CLI::App* app, int* exit_code) {
  auto o = std::make_shared<WorkerCliOptions>();
  CLI::App* cmd = app->add_subcommand("worker",
                                      "Scan a NATS JetStream stream: each message a JSON line as `scan` "
                                      "reads, each report published as `scan` "
                                      "writes it, the message acknowledged only once its report is out");
  WorkerOptions& s = o->stream;
  cmd->add_option("--server", s.server, "The NATS server")->capture_default_str();
  cmd->add_option("--subject", s.in_subject, "The subject messages come on")->capture_default_str();
  cmd->add_option("--stream", s.in_stream, "The stream that keeps them (made when missing)")
      ->capture_default_str();
  cmd->add_option("--durable", s.durable, "The consumer's name: workers with the same name share the work")
      ->capture_default_str();
  cmd->add_option("--out-subject", s.out_subject, "The subject reports go to")->capture_default_str();
  cmd->add_option("--out-stream", s.out_stream, "The stream that keeps the reports (made when missing)")
      ->capture_default_str();
  // Under the consumer's default of 1,000 messages delivered and not yet acknowledged, or a fetch waits for
  // messages the server will not send.
  cmd->add_option("--batch", s.batch, "Messages fetched, analysed and published at a time")
      ->capture_default_str()
      ->check(CLI::Range(1, 512));
  cmd->add_option("--max-messages", s.max_messages, "Stop after this many (0: run until SIGINT or SIGTERM)")
      ->capture_default_str();
  cmd->add_option("--ack-wait", s.ack_wait_ms,
                  "Milliseconds before an unacknowledged message is delivered again")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{1000}, int64_t{86'400'000}));
  cmd->add_option("--progress", s.progress_seconds,
                  "Log the counts so far every this many seconds (0: only at the end)")
      ->capture_default_str()
      ->check(CLI::Range(0, 86'400));
  cmd->add_flag("--compact", o->compact,
                "Reports without summary, titles, explanations or advice (as scan --compact)");
  AddEngineOptions(cmd, &o->engine);
  cmd->callback([o, exit_code] {
    o->engine.explain = !o->compact;
    *exit_code = RunWorker(*o);
  });
}

}  // namespace redflag::cli
