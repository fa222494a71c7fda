// redflag serve: the HTTP API and the page, over one shared engine.
#include <csignal>
#include <iostream>
#include <thread>

#include "common.h"
#include "serve/server.h"

namespace redflag::cli {
namespace {

struct ServeCommandOptions {
  EngineOptions engine;
  serve::ServeOptions serve;
  int timeout_seconds = 10;
  bool quiet = false;
};

int RunServe(ServeCommandOptions& o) {
  // SIGINT/SIGTERM go to one waiting thread, which stops the server cleanly
  // (so the last counts reach the database). Blocked before any thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  int exit_code = kExitOk;
  auto analyzer = LoadAnalyzer(o.engine, &exit_code);
  if (!analyzer) return exit_code;
  o.serve.timeout = std::chrono::seconds(o.timeout_seconds);
  o.serve.access_log = o.quiet ? nullptr : &std::cerr;
  auto server = serve::Server::Create(*analyzer, o.serve);
  if (!server.ok()) return Fail(server.status());
  auto port = (*server)->Bind();
  if (!port.ok()) return Fail(port.status());
  // Tests and scripts read this line to learn the port chosen for --port 0.
  std::cout << "redflag serve: listening on http://" << o.serve.host << ":" << *port << "/" << std::endl;
  std::thread stopper([&] {
    int signal = 0;
    sigwait(&signals, &signal);
    (*server)->Stop();
  });
  (*server)->Run();
  pthread_kill(stopper.native_handle(), SIGTERM);  // if Run() ended on its own
  stopper.join();
  std::cout << "redflag serve: stopped" << std::endl;
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App* app, int* exit_code) {
  auto o = std::make_shared<ServeCommandOptions>();
  CLI::App* cmd = app->add_subcommand("serve", "Serve the JSON API (/v1) and the web page (/) over HTTP");
  cmd->add_option("--host", o->serve.host, "Address to listen on")->capture_default_str();
  cmd->add_option("--port", o->serve.port, "Port to listen on (0: any free port)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--db", o->serve.db, "SQLite database for counts and reports (':memory:': keep nothing)")
      ->capture_default_str();
  cmd->add_option("--threads", o->serve.threads, "Connections served at once")
      ->capture_default_str()
      ->check(CLI::Range(2, 1024));
  cmd->add_option("--max-concurrent", o->serve.max_concurrent, "Analyses at once; more get 503")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--max-body", o->serve.max_body, "Largest request body in bytes; larger get 413")
      ->capture_default_str()
      ->check(CLI::Range(size_t{64}, size_t{1} << 24));
  cmd->add_option("--rate", o->serve.rate, "Requests per second per client address on /v1 (0: no limit)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1e9));
  cmd->add_option("--burst", o->serve.burst, "Requests a client may make at once")
      ->capture_default_str()
      ->check(CLI::Range(1.0, 1e9));
  cmd->add_option("--timeout", o->timeout_seconds, "Seconds to read a request or write an answer")
      ->capture_default_str()
      ->check(CLI::Range(1, 600));
  cmd->add_flag("--quiet", o->quiet, "No access log on standard error");
  AddEngineOptions(cmd, &o->engine);
  cmd->callback([o, exit_code] { *exit_code = RunServe(*o); });
}

}  // namespace redflag::cli
