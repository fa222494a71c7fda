#include "common.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace redflag::cli {

void AddEngineOptions(CLI::App* app, EngineOptions* options) {
  app->add_option("--kb", options->kb_dir, "Load the knowledge base from this folder instead of the built-in one");
  app->add_option("--max-bytes", options->max_bytes, "Largest message accepted, in bytes")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1}, size_t{1} << 30));
  app->add_flag("--no-model", options->no_model, "Rules only: leave the trained scam model out");
  app->add_option("--model", options->model_path, "Use this scam model (.weights, with its .json beside it)")
      ->check(CLI::ExistingFile);
}

std::unique_ptr<Analyzer> LoadAnalyzer(const EngineOptions& options, int* exit_code) {
  auto kb = options.kb_dir.empty() ? LoadEmbeddedKnowledge() : LoadKnowledgeDir(options.kb_dir);
  if (!kb.ok()) {
    *exit_code = Fail(kb.status());
    return nullptr;
  }
  AnalyzerOptions analyzer_options;
  analyzer_options.max_message_bytes = options.max_bytes;
  analyzer_options.cache_dir = DefaultCacheDir();
  analyzer_options.use_model = !options.no_model;
  analyzer_options.model_path = options.model_path;
  analyzer_options.explain = options.explain;
  analyzer_options.span_compile_threads = options.span_compile_threads;
  analyzer_options.on_compiling = FirstUseNotice();
  auto analyzer = Analyzer::Create(*kb, analyzer_options);
  if (!analyzer.ok()) {
    *exit_code = Fail(analyzer.status());
    return nullptr;
  }
  return std::move(*analyzer);
}

int Fail(const Status& status) {
  std::cerr << "redflag: " << status.message() << "\n";
  switch (status.code()) {
    case StatusCode::kOk: return kExitOk;
    case StatusCode::kInvalidArgument:
    case StatusCode::kTooLarge:
    case StatusCode::kNotFound: return kExitBadInput;
    case StatusCode::kKnowledgeError: return kExitKnowledge;
    case StatusCode::kInternal: return kExitInternal;
  }
  return kExitInternal;
}

Status OpenFile(const std::string& path, std::ifstream* file) {
  // A folder opens as a stream that reads nothing: it would pass for an empty message.
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) return InvalidArgument(path + ": is a folder, not a file");
  file->open(path, std::ios::binary);
  if (*file) return Status::Ok();
  int reason = errno;
  if (!std::filesystem::exists(path, error)) return NotFound(path + ": no such file");
  return NotFound(path + ": cannot be opened (" + std::strerror(reason) + ")");
}

std::istream* OpenInput(const std::string& path, std::ifstream* file, int* exit_code) {
  if (path == "-") return &std::cin;
  Status opened = OpenFile(path, file);
  if (opened.ok()) return file;
  *exit_code = Fail(opened);
  return nullptr;
}

std::string ErrorLine(const std::string& id, size_t line, const std::string& code, const std::string& message) {
  nlohmann::json j = {{"line", line}, {"error", {{"code", code}, {"message", "line " + std::to_string(line) + ": " + message}}}};
  if (!id.empty()) j["id"] = id;
  return j.dump();
}

StatusOr<std::string> ReadInput(const std::string& path, size_t limit) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    REDFLAG_RETURN_IF_ERROR(OpenFile(path, &file));
    in = &file;
  }
  std::string data;
  char buffer[65536];
  while (in->read(buffer, sizeof(buffer)) || in->gcount() > 0) {
    data.append(buffer, static_cast<size_t>(in->gcount()));
    if (data.size() > limit)
      return TooLarge((path == "-" ? std::string("standard input") : path) + ": over the limit of " +
                      std::to_string(limit) + " bytes (see --max-bytes)");
  }
  return data;
}

bool IsTerminal(int fd) { return isatty(fd) == 1; }

std::function<void()> FirstUseNotice() {
  if (!IsTerminal(STDERR_FILENO)) return {};
  return [] {
    std::cerr << "redflag: getting ready for first use (about half a minute; later runs start at once)...\n";
  };
}

}  // namespace redflag::cli
