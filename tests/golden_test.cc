// Golden cases: messages written for these tests (tests/golden/*.yaml) with
// the verdict, red flags and scam each must get (`scam`: among those named;
// `top_scam`: named first). Every case also checks the
// report's contract: each red flag has evidence quoting the input exactly.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>

#include "test_support.h"

namespace redflag {
namespace {

struct GoldenCase {
  std::string file, name;
  YAML::Node node;
};

// Shown when a case fails, instead of the struct's bytes.
void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.file << ": " << c.name; }

std::vector<GoldenCase> LoadCases() {
  std::vector<GoldenCase> cases;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(REDFLAG_SOURCE_DIR) + "/tests/golden")) {
    if (entry.path().extension() != ".yaml") continue;
    for (const auto& node : YAML::LoadFile(entry.path().string()))
      cases.push_back({entry.path().filename().string(), node["name"].as<std::string>(), node});
  }
  return cases;
}

std::vector<std::string> Strings(const YAML::Node& n) {
  std::vector<std::string> out;
  if (n.IsDefined())
    for (const auto& x : n) out.push_back(x.as<std::string>());
  return out;
}

class Golden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(Golden, Holds) {
  const YAML::Node& c = GetParam().node;
  Message m;
  m.text = c["text"].as<std::string>();
  if (c["channel"]) m.channel = *ParseChannel(c["channel"].as<std::string>());
  if (c["from"]) m.from = c["from"].as<std::string>();
  if (c["subject"]) m.subject = c["subject"].as<std::string>();
  if (c["country"]) m.country = c["country"].as<std::string>();
  auto report = testing::BuiltInAnalyzer().Analyze(m);
  ASSERT_OK(report);
  std::vector<std::string> ids = testing::FlagIds(*report);
  std::string got = std::string(VerdictName(report->verdict)) + " with [" +
                    ::testing::PrintToString(ids) + "], risk " + std::to_string(report->risk);
  if (c["verdict"]) {
    EXPECT_EQ(VerdictName(report->verdict), c["verdict"].as<std::string>()) << got;
  }
  for (const auto& id : Strings(c["flags"])) EXPECT_THAT(ids, ::testing::Contains(id)) << got;
  for (const auto& id : Strings(c["absent"])) EXPECT_THAT(ids, ::testing::Not(::testing::Contains(id))) << got;
  if (c["scam"]) {
    ASSERT_FALSE(report->scams.empty()) << got;
    std::vector<std::string> scams;
    for (const auto& s : report->scams) scams.push_back(s.id);
    EXPECT_THAT(scams, ::testing::Contains(c["scam"].as<std::string>()));
  }
  for (const auto& id : Strings(c["absent_scams"]))  // named nowhere in the list, not only not first
    for (const auto& s : report->scams) EXPECT_NE(s.id, id) << got;
  if (c["top_scam"]) {  // the scam named first, whose advice the report gives
    ASSERT_FALSE(report->scams.empty()) << got;
    EXPECT_EQ(report->scams.front().id, c["top_scam"].as<std::string>()) << got;
  }
  // The contract: evidence for every flag, each quoting its field exactly.
  for (const RedFlag& f : report->red_flags) {
    EXPECT_FALSE(f.evidence.empty()) << f.id;
    for (const Evidence& e : f.evidence) {
      const std::string& field = e.field == Field::kText ? m.text : e.field == Field::kFrom ? m.from : m.subject;
      ASSERT_LE(e.end, field.size()) << f.id;
      EXPECT_EQ(field.substr(e.start, e.end - e.start), e.text) << f.id;
    }
  }
  if (report->verdict == Verdict::kNoRedFlags) {
    EXPECT_TRUE(report->scams.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, Golden, ::testing::ValuesIn(LoadCases()),
                         [](const ::testing::TestParamInfo<GoldenCase>& info) {
                           std::string name = info.param.file.substr(0, info.param.file.size() - 5) + "_" + info.param.name;
                           for (char& ch : name)
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return name;
                         });

}  // namespace
}  // namespace redflag
