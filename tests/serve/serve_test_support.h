// A real redflag server on a free loopback port, in this process, for the API tests.
#ifndef REDFLAG_TESTS_SERVE_TEST_SUPPORT_H_
#define REDFLAG_TESTS_SERVE_TEST_SUPPORT_H_

#include <httplib.h>

#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include "serve/server.h"

namespace redflag::testing {

class TestServer {
 public:
  // options.port and options.db are chosen here: a free port, a fresh database file.
  explicit TestServer(serve::ServeOptions options = {});
  ~TestServer();

  int port() const { return port_; }
  const std::string& db_path() const { return db_path_; }
  // Stops the server (so every request is logged), then returns the access log.
  std::string StopAndLog();
  httplib::Client Client() const;

  httplib::Result PostJson(const std::string& path, const std::string& body) const;
  httplib::Result Get(const std::string& path) const;

 private:
  std::filesystem::path dir_;
  std::string db_path_;
  std::ostringstream log_;
  std::unique_ptr<serve::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace redflag::testing

#endif  // REDFLAG_TESTS_SERVE_TEST_SUPPORT_H_
