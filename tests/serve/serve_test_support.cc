#include "serve/serve_test_support.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>

#include "test_support.h"

namespace redflag::testing {

TestServer::TestServer(serve::ServeOptions options) {
  dir_ = std::filesystem::temp_directory_path() /
         ("redflag-serve-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
  std::filesystem::create_directories(dir_);
  db_path_ = (dir_ / "redflag.db").string();
  options.host = "127.0.0.1";
  options.port = 0;
  options.db = db_path_;
  options.access_log = &log_;
  auto server = serve::Server::Create(BuiltInAnalyzer(), options);
  if (!server.ok()) {
    ADD_FAILURE() << server.status().ToString();
    return;
  }
  server_ = std::move(*server);
  auto port = server_->Bind();
  if (!port.ok()) {
    ADD_FAILURE() << port.status().ToString();
    return;
  }
  port_ = *port;
  thread_ = std::thread([this] { server_->Run(); });
}

std::string TestServer::StopAndLog() {
  if (server_) server_->Stop();
  if (thread_.joinable()) thread_.join();
  return log_.str();
}

TestServer::~TestServer() {
  StopAndLog();
  server_.reset();
  std::filesystem::remove_all(dir_);
}

httplib::Client TestServer::Client() const {
  httplib::Client client("127.0.0.1", port_);
  client.set_read_timeout(30, 0);
  return client;
}

httplib::Result TestServer::PostJson(const std::string& path, const std::string& body) const {
  return Client().Post(path.c_str(), body, "application/json");
}

httplib::Result TestServer::Get(const std::string& path) const { return Client().Get(path.c_str()); }

}  // namespace redflag::testing
