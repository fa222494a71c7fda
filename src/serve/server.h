// Server: `redflag serve`, the HTTP face of one shared Analyzer. JSON API under
// /v1 (see web/openapi.json), the page at /, /healthz and /metrics.
//
//   ServeOptions options;  options.port = 0;           // 0: any free port
//   auto server = Server::Create(analyzer, options);
//   int port = (*server)->Bind();                       // then Run() blocks until Stop()
#ifndef REDFLAG_SERVE_SERVER_H_
#define REDFLAG_SERVE_SERVER_H_

#include <chrono>
#include <memory>
#include <ostream>
#include <string>

#include "redflag/analyzer.h"
#include "redflag/status.h"

namespace redflag::serve {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string db = "redflag.db";         // SQLite file; ":memory:" keeps nothing
  int threads = 32;                      // connections served at once (keep-alive holds one each)
  int max_concurrent = 8;                // analyses at once; past that: 503 at once
  size_t max_body = 256 * 1024;          // bytes; past that: 413
  double rate = 20;                      // requests per second per client address on /v1; 0: off
  double burst = 60;                     // requests a client may make at once
  std::chrono::seconds timeout{10};      // to read a request or write an answer
  std::chrono::milliseconds flush_interval{2000};  // how often counts go to SQLite
  std::ostream* access_log = nullptr;    // one line per request; nullptr: none
};

class Server {
 public:
  // The analyzer must outlive the server.
  static StatusOr<std::unique_ptr<Server>> Create(const Analyzer& analyzer, const ServeOptions& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds host:port; the port bound (options.port, or the one chosen for 0).
  StatusOr<int> Bind();
  // Serves until Stop(); call after Bind().
  void Run();
  // Safe from any thread.
  void Stop();

  class Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace redflag::serve

#endif  // REDFLAG_SERVE_SERVER_H_
