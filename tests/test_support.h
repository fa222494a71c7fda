// Shared by the tests: one analyzer over the built-in knowledge base.
#ifndef REDFLAG_TESTS_TEST_SUPPORT_H_
#define REDFLAG_TESTS_TEST_SUPPORT_H_

#include <gmock/gmock.h>

#include <string>

#include "redflag/analyzer.h"

namespace redflag::testing {

// Built once per test binary; aborts the test run if the knowledge base is broken.
const Analyzer& BuiltInAnalyzer();

// The ids of the report's red flags.
std::vector<std::string> FlagIds(const Report& report);

// Runs the redflag binary with `args` and `stdin_text`; returns its exit code
// and fills stdout/stderr.
int RunCli(const std::string& args, const std::string& stdin_text, std::string* out, std::string* err);

}  // namespace redflag::testing

#define ASSERT_OK(expr) ASSERT_TRUE((expr).ok()) << (expr).status().ToString()

#endif  // REDFLAG_TESTS_TEST_SUPPORT_H_
