// Red-team sets: realistic messages of the scams redflag is built against (account takeover, brands on
// channels they never use, scams aimed at small businesses) and genuine messages that come close, as texts,
// WhatsApp chat exports, call transcripts and emails in twelve languages. Each case says what a careful
// person would conclude ("expect"); these tests hold the engine to a floor of such conclusions.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "conversation/analyze.h"
#include "intake/call_transcript.h"
#include "intake/chat_export.h"
#include "intake/email.h"
#include "test_support.h"

namespace redflag {
namespace {

// The verdict on one case, read as its input kind says.
StatusOr<Verdict> Judge(const nlohmann::json& c) {
  const std::string input = c["input"], content = c["content"], country = c.value("country", "");
  if (input == "chat" || input == "call") {
    auto conv = input == "chat" ? ParseChatExport(content) : ParseCallTranscript(content);
    if (!conv.ok()) return conv.status();
    return AnalyzeConversation(testing::BuiltInAnalyzer(), std::move(*conv), {.country = country}).verdict;
  }
  Message m;
  if (input == "eml") {
    auto mail = ParseEmail(content);
    if (!mail.ok()) return mail.status();
    m = std::move(*mail);
  } else {
    m.text = content;
    m.channel = ParseChannel(c.value("channel", "other")).value_or(Channel::kUnknown);
    m.from = c.value("from", "");
  }
  m.country = country;
  auto report = testing::BuiltInAnalyzer().Analyze(m);
  if (!report.ok()) return report.status();
  return report->verdict;
}

// How many cases of each expectation met it: "scam" is called a scam, "quiet" has no red flags,
// "not_scam" is not called a scam; the misses are listed by id.
struct Tally {
  std::map<std::string, int> cases, met;
  std::string misses;
};

Tally JudgeAll(const std::string& name) {
  Tally t;
  std::ifstream in(std::string(REDFLAG_SOURCE_DIR) + "/tests/data/" + name);
  EXPECT_TRUE(in) << name;
  for (std::string line; std::getline(in, line);) {
    nlohmann::json c = nlohmann::json::parse(line);
    StatusOr<Verdict> v = Judge(c);
    EXPECT_TRUE(v.ok()) << c["id"] << ": " << v.status().ToString();
    if (!v.ok()) continue;
    const std::string expect = c["expect"];
    bool met = expect == "scam"    ? *v == Verdict::kScam
               : expect == "quiet" ? *v == Verdict::kNoRedFlags
               : expect == "warn"  ? *v != Verdict::kNoRedFlags
                                   : *v != Verdict::kScam;
    ++t.cases[expect];
    t.met[expect] += met;
    if (!met) t.misses.append(" ").append(c["id"].get<std::string>()).append(": ").append(VerdictName(*v));
  }
  return t;
}

// Of the cases in tests/data/`name`: how many scams and quiet messages it holds, and at least how many of its
// scams are called scams, its quiet messages have no red flags, and its "not a scam" messages are not scams.
struct Floor {
  int scams, scams_met, quiet, quiet_met, not_scam_met;
};
void ExpectAtLeast(const std::string& name, const Floor& f) {
  Tally t = JudgeAll(name);
  EXPECT_EQ(t.cases["scam"], f.scams);
  EXPECT_GE(t.met["scam"], f.scams_met) << "missed:" << t.misses;
  EXPECT_EQ(t.cases["quiet"], f.quiet);
  EXPECT_GE(t.met["quiet"], f.quiet_met) << "missed:" << t.misses;
  EXPECT_GE(t.met["not_scam"], f.not_scam_met) << "missed:" << t.misses;
}

// The first set (tests/data/red_team_1.jsonl, 170 cases written on 2026-12-07) taught the lexicons: before
// that round, 62 of its 116 scams were called scams, and 34 of its 37 quiet messages had no red flags; after
// it, 91 and 36, and 99 scams once a scam combination counted over all of a sender's messages in a chat or
// call. A floor against losing them.
TEST(RedTeam, TheFirstSetStaysCaught) {
  ExpectAtLeast("red_team_1.jsonl",
                {.scams = 116, .scams_met = 97, .quiet = 37, .quiet_met = 36, .not_scam_met = 12});
}

// The second set (tests/data/red_team_2.jsonl, 120 cases) was written after that round by someone who saw
// neither the first set nor the knowledge base: the honest measure of it. The round's lexicons moved its
// scams called scams from 42 to 43 of 78 (the first set's wording did not carry over); see docs/detection.md.
TEST(RedTeam, TheSecondSetIsHeldOut) {
  ExpectAtLeast("red_team_2.jsonl",
                {.scams = 78, .scams_met = 43, .quiet = 22, .quiet_met = 20, .not_scam_met = 15});
}

}  // namespace
}  // namespace redflag
