#include "test_support.h"

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace redflag::testing {

const Analyzer& BuiltInAnalyzer() {
  static const Analyzer* analyzer = [] {
    auto kb = LoadEmbeddedKnowledge();
    if (!kb.ok()) {
      std::fprintf(stderr, "knowledge base: %s\n", kb.status().ToString().c_str());
      std::abort();
    }
    AnalyzerOptions options;
    options.cache_dir = REDFLAG_TEST_CACHE;
    auto a = Analyzer::Create(*kb, options);
    if (!a.ok()) {
      std::fprintf(stderr, "analyzer: %s\n", a.status().ToString().c_str());
      std::abort();
    }
    return a->release();
  }();
  return *analyzer;
}

std::vector<std::string> FlagIds(const Report& report) {
  std::vector<std::string> ids;
  for (const auto& f : report.red_flags) ids.push_back(f.id);
  return ids;
}

namespace {
std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

int RunCli(const std::string& args, const std::string& stdin_text, std::string* out, std::string* err) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("redflag-cli-" + std::to_string(::getpid()) + "-" +
                                              std::to_string(std::rand()));
  fs::create_directories(dir);
  std::ofstream(dir / "in", std::ios::binary) << stdin_text;
  std::string command = "REDFLAG_CACHE_DIR=" + std::string(REDFLAG_TEST_CACHE) + " " + REDFLAG_BINARY + " " + args + " <" + (dir / "in").string() + " >" +
                        (dir / "out").string() + " 2>" + (dir / "err").string();
  int status = std::system(command.c_str());
  if (out) *out = Slurp(dir / "out");
  if (err) *err = Slurp(dir / "err");
  fs::remove_all(dir);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace redflag::testing
