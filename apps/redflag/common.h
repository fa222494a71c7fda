// What the commands share: exit codes, loading the engine, reading input.
#ifndef REDFLAG_APPS_COMMON_H_
#define REDFLAG_APPS_COMMON_H_

#include <CLI/CLI.hpp>
#include <fstream>
#include <functional>
#include <memory>
#include <string>

#include "intake/jsonl.h"
#include "redflag/analyzer.h"

namespace redflag::cli {

// Exit codes (documented in the README).
enum ExitCode {
  kExitOk = 0,         // done (for check: whatever the verdict, unless --fail-on)
  kExitFlagged = 1,    // check --fail-on: the verdict reached the given level
  kExitUsage = 2,      // bad command line
  kExitBadInput = 3,   // the message or contact could not be read or is invalid
  kExitKnowledge = 4,  // the knowledge base is broken
  kExitInternal = 5,   // anything else (I/O, a bug)
};

// Options every engine command takes.
struct EngineOptions {
  std::string kb_dir;                  // --kb: another knowledge folder
  size_t max_bytes = 1 << 20;          // --max-bytes
  bool no_model = false;               // --no-model: rules only
  std::string model_path;              // --model: a model file instead of the built-in one
  bool explain = true;                 // false (scan --compact): no texts for a person to read
  unsigned span_compile_threads = 0;   // > 0 (scan): compile every span finder at start
};
void AddEngineOptions(CLI::App* app, EngineOptions* options);

// Loads the knowledge base and compiles the analyzer; on failure prints why
// and sets *exit_code.
std::unique_ptr<Analyzer> LoadAnalyzer(const EngineOptions& options, int* exit_code);

// Maps a Status to an exit code, printing its message to stderr.
int Fail(const Status& status);

// Standard input for "-", else `path` opened into `file`; null (and *exit_code
// set, the reason printed) when it cannot be opened.
std::istream* OpenInput(const std::string& path, std::ifstream* file, int* exit_code);

// Opens `path` for reading, or says why not: no such file, a folder, or the system's reason.
Status OpenFile(const std::string& path, std::ifstream* file);

// The JSON line that stands for an input line that failed (scan, verify --each):
// {"line", "id"?, "error": {"code", "message"}}; the message names the line.
std::string ErrorLine(const std::string& id, size_t line, const std::string& code, const std::string& message);

// One JSON line of `scan` through the engine (also timed by `bench` and run by `worker`): its report line,
// or an error line that names the line. `verdict` is set for a report and left as it is for an error.
// `received` is the report's time when the line gives none (a stream's own time of receipt).
std::string ScanLine(const Analyzer& analyzer, JsonlParser* parser, const std::string& line, size_t number,
                     bool compact, std::string* verdict, const std::string& received = "");

// Reads a whole file ("-" = standard input), at most `limit` bytes.
StatusOr<std::string> ReadInput(const std::string& path, size_t limit);

bool IsTerminal(int fd);

// What to call when the patterns compile rather than load (half a minute, once): on a terminal a notice on
// stderr, so a first run does not look hung; nothing for scripts and logs.
std::function<void()> FirstUseNotice();

void AddCheckCommand(CLI::App* app, int* exit_code);
void AddVerifyCommand(CLI::App* app, int* exit_code);
void AddScanCommand(CLI::App* app, int* exit_code);
void AddBenchCommand(CLI::App* app, int* exit_code);
void AddKbCommand(CLI::App* app, int* exit_code);
void AddEvalCommand(CLI::App* app, int* exit_code);
void AddTrainCommand(CLI::App* app, int* exit_code);
void AddServeCommand(CLI::App* app, int* exit_code);
void AddCampaignsCommand(CLI::App* app, int* exit_code);
void AddWorkerCommand(CLI::App* app, int* exit_code);

}  // namespace redflag::cli

#endif  // REDFLAG_APPS_COMMON_H_
