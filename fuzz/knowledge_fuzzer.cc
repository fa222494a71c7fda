// libFuzzer target: one knowledge file of any content, as `--kb DIR` or
// `kb lint` would read it. It must load or give problems of the form
// "file:line: reason" (the README's promise for a broken knowledge base),
// never crash or recurse without end. Byte 0 picks which kind of file it is;
// the other files are absent, so whole-base problems name a file without a line.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "knowledge/loader.h"
#include "knowledge/source_file.h"

namespace {

void Require(bool ok) {
  if (!ok) __builtin_trap();
}

// "<file>.yaml:<line>: <reason>" with a line of at least 1, or "<file>.yaml: <reason>"
// for what the knowledge base as a whole lacks ("flags.yaml: missing or empty").
bool NamesFileAndLine(const std::string& problem) {
  size_t at = problem.find(".yaml:");
  if (at == std::string::npos || at == 0) return false;
  at += 6;
  if (problem.compare(at, 1, " ") != 0) {
    size_t digits = 0;
    while (at < problem.size() && problem[at] >= '0' && problem[at] <= '9') ++at, ++digits;
    if (digits == 0 || problem[at - digits] == '0' || problem.compare(at, 1, ":") != 0) return false;
    ++at;
  }
  return problem.compare(at, 1, " ") == 0 && problem.size() > at + 1;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const char* const kPaths[] = {"flags.yaml",
                                       "policy.yaml",
                                       "advice.yaml",
                                       "languages.yaml",
                                       "brands/fuzz.yaml",
                                       "scams/fuzz.yaml",
                                       "countries/fz.yaml",
                                       "signals/en/urgency.yaml",
                                       "signals/fr/code_request.yaml",
                                       "i18n/en.yaml"};
  redflag::SourceFile file{kPaths[data[0] % std::size(kPaths)],
                           std::string(reinterpret_cast<const char*>(data) + 1, size - 1)};
  std::vector<std::string> problems;
  (void)redflag::ParseKnowledge({file}, &problems);
  for (const std::string& problem : problems) Require(NamesFileAndLine(problem));
  return 0;
}
