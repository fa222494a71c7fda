// `redflag serve` as people run it: the real binary on a free port, stopped by SIGTERM.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

namespace {

TEST(ServeProcessTest, ServesUntilSigtermThenStopsCleanly) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("redflag-serve-proc-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(out[1], 1);
    close(out[0]);
    setenv("REDFLAG_CACHE_DIR", REDFLAG_TEST_CACHE, 1);
    std::string db = (dir / "redflag.db").string();
    execl(REDFLAG_BINARY, REDFLAG_BINARY, "serve", "--port", "0", "--db", db.c_str(), "--quiet",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  FILE* lines = fdopen(out[0], "r");
  char line[256] = {};
  ASSERT_NE(fgets(line, sizeof(line), lines), nullptr) << "the server printed nothing";
  std::string first(line);
  auto at = first.find("http://127.0.0.1:");
  ASSERT_NE(at, std::string::npos) << first;
  int port = std::stoi(first.substr(at + 17));

  httplib::Client client("127.0.0.1", port);
  auto r = client.Post("/v1/check", R"({"text": "I sent you a code by mistake, send it back", "channel": "whatsapp"})",
                       "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("\"schema\":\"redflag.report/1\""), std::string::npos);

  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  fclose(lines);
  EXPECT_TRUE(fs::exists(dir / "redflag.db"));
  fs::remove_all(dir);
}

}  // namespace
