// redflag eval: the figures from known verdicts, and the command on a small
// fixture and (when present) the corpus's dev split.
#include "eval/eval.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace redflag {
namespace {

Report WithVerdict(Verdict v, int risk, bool evidence = true) {
  Report r;
  r.verdict = v;
  r.risk = risk;
  if (v != Verdict::kNoRedFlags) {
    RedFlag f;
    f.id = "urgency";
    if (evidence) f.evidence.push_back({Field::kText, 0, 3, "Now", ""});
    r.red_flags.push_back(f);
  }
  return r;
}

TEST(Evaluation, CountsRecallFalseAlarmsPrecisionAndEvidence) {
  Evaluation e("dataset", 2);
  Report named = WithVerdict(Verdict::kScam, 90);
  named.scams.push_back({"registration_code_theft", "Registration code theft", "Account takeover"});
  e.Add(Label::kScam, "a", "1", "a", "scam one", named);
  e.Add(Label::kScam, "a", "2", "a", "scam two", WithVerdict(Verdict::kSuspicious, 40));
  e.Add(Label::kScam, "b", "3", "b", "scam missed", WithVerdict(Verdict::kNoRedFlags, 5));
  e.Add(Label::kScam, "b", "4", "b", "scam missed worse", WithVerdict(Verdict::kNoRedFlags, 0));
  for (int i = 0; i < 9; ++i) e.Add(Label::kHam, "a", "h", "a", "ham", WithVerdict(Verdict::kNoRedFlags, 0));
  e.Add(Label::kHam, "b", "h9", "b", "ham warned", WithVerdict(Verdict::kSuspicious, 35, /*evidence=*/false));
  e.Add(Label::kSpam, "b", "p", "b", "spam", WithVerdict(Verdict::kScam, 80));
  e.Add(Label::kSpam, "b", "q", "b", "spam", WithVerdict(Verdict::kNoRedFlags, 0));

  const EvalCounts& all = e.overall();
  EXPECT_DOUBLE_EQ(all.ScamRecall(), 0.5);
  EXPECT_DOUBLE_EQ(all.StrictScamRecall(), 0.25);
  EXPECT_DOUBLE_EQ(all.FalseAlarmRate(), 0.1);
  EXPECT_DOUBLE_EQ(all.Precision(), 2.0 / 3.0);
  EXPECT_NEAR(all.F1(), 2 * (2.0 / 3) * 0.5 / (2.0 / 3 + 0.5), 1e-12);
  EXPECT_DOUBLE_EQ(all.SpamWarned(), 0.5);
  EXPECT_DOUBLE_EQ(all.EvidenceShare(), 3.0 / 4.0);  // the warned ham row quoted nothing
  EXPECT_DOUBLE_EQ(all.NamedShare(), 0.5);           // of the two warned scam rows, one named its scam
  EXPECT_EQ(all.confusion[0][2], 2);

  ASSERT_EQ(e.groups().size(), 2u);
  EXPECT_DOUBLE_EQ(e.groups().at("a").ScamRecall(), 1.0);
  EXPECT_DOUBLE_EQ(e.groups().at("a").FalseAlarmRate(), 0.0);
  EXPECT_DOUBLE_EQ(e.groups().at("b").ScamRecall(), 0.0);
  EXPECT_EQ(e.groups().at("b").ScamWarned(), 0);  // its named share is no figure: "–", not 0 %

  ASSERT_EQ(e.misses().size(), 2u);
  EXPECT_EQ(e.misses()[0].text, "scam missed worse");  // lowest risk first
  ASSERT_EQ(e.false_alarms().size(), 1u);
  EXPECT_EQ(e.false_alarms()[0].id, "h9");

  auto j = e.ToJson();
  EXPECT_EQ(j["overall"]["rows"]["ham"], 10);
  EXPECT_EQ(j["groups"]["b"]["confusion"]["spam"]["scam"], 1);
  EXPECT_EQ(j["worst_misses"][0]["id"], "4");
  std::string md = e.ToMarkdown();
  EXPECT_THAT(md, ::testing::HasSubstr("| a | 2 | 100.0 % |"));
  EXPECT_THAT(md, ::testing::HasSubstr("| **all** | 4 | 50.0 % | 25.0 % | 10 | 10.00 % |"));
  EXPECT_THAT(md, ::testing::HasSubstr("| 75.0 % | 50.0 % |\n"));  // evidence, named
  EXPECT_THAT(md, ::testing::HasSubstr("| 50.0 % | – |\n"));       // group b: no scam row warned
  EXPECT_EQ(j["overall"]["named_share"], 0.5);
}

TEST(Evaluation, NothingWarnedMeansNoMissingEvidence) {
  Evaluation e("", 0);
  e.Add(Label::kHam, "", "1", "", "", WithVerdict(Verdict::kNoRedFlags, 0));
  EXPECT_DOUBLE_EQ(e.overall().EvidenceShare(), 1.0);
  EXPECT_DOUBLE_EQ(e.overall().ScamRecall(), 0.0);
  EXPECT_TRUE(e.groups().empty());
  EXPECT_TRUE(e.misses().empty());
}

TEST(EvalCommand, ReportsPerGroupAndNamesTheBadLine) {
  std::string out, err;
  std::string file = std::string(REDFLAG_SOURCE_DIR) + "/tests/data/eval_sample.jsonl";
  int code = testing::RunCli("eval " + file + " --by dataset --format json --errors 3", "", &out, &err);
  EXPECT_EQ(code, 3) << err;  // one line has a label that is not scam, spam or ham
  EXPECT_THAT(err, ::testing::HasSubstr("eval_sample.jsonl:7: 'label' must be scam, spam or ham"));
  auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["failed_lines"], 1);
  EXPECT_EQ(j["overall"]["rows"]["scam"], 2);
  EXPECT_EQ(j["overall"]["rows"]["ham"], 2);
  EXPECT_EQ(j["groups"]["fixture_a"]["rows"]["scam"], 2);
  // The code-theft message is a scam, the lunch note is not; the Google code is no false alarm.
  EXPECT_EQ(j["groups"]["fixture_a"]["confusion"]["scam"]["scam"], 1);
  EXPECT_EQ(j["worst_misses"][0]["id"], "s2");
  EXPECT_EQ(j["overall"]["false_alarm_rate"], 0.0);
  EXPECT_EQ(j["overall"]["evidence_share"], 1.0);
}

// `--scores`: each row is judged by the probability given for its id (a model that never saw it, out of
// fold), not by the built-in model's own score; a row with none is a failed row, named.
TEST(EvalCommand, JudgesEachRowByItsGivenScore) {
  auto dir = std::filesystem::temp_directory_path() / ("redflag_eval_scores_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string rows = (dir / "rows.jsonl").string(), scores = (dir / "scores.jsonl").string();
  std::ofstream(rows) << R"({"id": "lunch", "text": "see you at lunch tomorrow", "label": "ham"})"
                         "\n"
                      << R"({"id": "dinner", "text": "see you at dinner tomorrow", "label": "ham"})"
                         "\n";
  std::ofstream(scores) << R"({"id": "lunch", "p": 0.0})"
                           "\n"
                        << R"({"id": "dinner", "p": 0.99999})"
                           "\n";
  std::string out, err;
  ASSERT_EQ(testing::RunCli("eval " + rows + " --scores " + scores + " --format json", "", &out, &err), 0)
      << err;
  auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["overall"]["confusion"]["ham"]["scam"], 1) << "the sure score makes the second a scam";
  EXPECT_EQ(j["overall"]["confusion"]["ham"]["no_red_flags"], 1);
  ASSERT_EQ(testing::RunCli("eval " + rows + " --format json", "", &out, &err), 0) << err;
  EXPECT_EQ(nlohmann::json::parse(out)["overall"]["confusion"]["ham"]["no_red_flags"], 2)
      << "the model's own";

  std::ofstream(scores) << R"({"id": "lunch", "p": 0.0})"
                           "\n";
  EXPECT_EQ(testing::RunCli("eval " + rows + " --scores " + scores, "", &out, &err), 3);
  EXPECT_THAT(err, ::testing::HasSubstr("rows.jsonl:2: no score for id 'dinner' in " + scores));
  std::ofstream(scores) << R"({"id": "lunch", "p": 0.0})"
                           "\n"
                        << R"({"id": "dinner"})"
                           "\n";
  EXPECT_EQ(testing::RunCli("eval " + rows + " --scores " + scores, "", &out, &err), 3);
  EXPECT_THAT(err, ::testing::HasSubstr("scores.jsonl:2: not a score line"));
  EXPECT_EQ(testing::RunCli("eval " + rows + " --scores " + scores + " --no-model", "", &out, &err), 2);
  std::filesystem::remove_all(dir);
}

TEST(EvalCommand, MissingFileIsBadInput) {
  std::string out, err;
  EXPECT_EQ(testing::RunCli("eval /nonexistent.jsonl", "", &out, &err), 3);
  EXPECT_THAT(err, ::testing::HasSubstr("/nonexistent.jsonl"));
}

// `redflag eval` over the corpus's dev split with `options`, as JSON; a skip when there is no corpus.
class DevSplit : public ::testing::Test {
 protected:
  nlohmann::json Eval(const std::string& options) {
    std::string dev = std::string(REDFLAG_SOURCE_DIR) + "/../shared/corpus/dev.jsonl";
    std::string out, err;
    int code = testing::RunCli("eval " + dev + " " + options + " --format json", "", &out, &err);
    EXPECT_EQ(code, 0) << err;
    return code == 0 ? nlohmann::json::parse(out) : nlohmann::json{};
  }
  void SetUp() override {
    if (!std::filesystem::exists(std::string(REDFLAG_SOURCE_DIR) + "/../shared/corpus/dev.jsonl"))
      GTEST_SKIP() << "no corpus at ../shared/corpus (see README, Data)";
  }
};

// The false-alarm targets the model's thresholds were chosen for. The shipped model
// learnt from dev too (train --folds), so its recall here is not a held-out figure:
// the held-out one is the README's, on test.
TEST_F(DevSplit, MeetsTheTargets) {
  auto j = Eval("--by dataset");
  ASSERT_TRUE(j.contains("overall"));
  EXPECT_EQ(j["overall"]["evidence_share"], 1.0);
  EXPECT_LE(j["overall"]["false_alarm_rate"].get<double>(), 0.005);
  for (const auto& [name, g] : j["groups"].items()) {
    if (g["rows"]["ham"].get<int>() >= 100) {
      EXPECT_LE(g["false_alarm_rate"].get<double>(), 0.01) << name;
    }
  }
  // Having learnt dev's scams, the shipped model warns nearly all of them (a model fitted
  // on train alone found 89 %).
  EXPECT_GE(j["overall"]["scam_recall"].get<double>(), 0.95);
}

// The rules alone, which never saw dev: where they stood (14.9 % recall, 0.07 % false
// alarms), as a guard against a rule that starts warning genuine messages.
TEST_F(DevSplit, RulesAloneStayQuiet) {
  auto j = Eval("--no-model");
  ASSERT_TRUE(j.contains("overall"));
  EXPECT_EQ(j["overall"]["evidence_share"], 1.0);
  EXPECT_LE(j["overall"]["false_alarm_rate"].get<double>(), 0.002);
  EXPECT_GE(j["overall"]["scam_recall"].get<double>(), 0.13);
}

// The same rows with every corpus's cues on every row: the model must not lean on them.
TEST_F(DevSplit, HoldsUpWithoutCorpusCues) {
  auto j = Eval("--without-cues");
  ASSERT_TRUE(j.contains("overall"));
  EXPECT_GE(j["overall"]["scam_recall"].get<double>(), 0.85);
  EXPECT_LE(j["overall"]["false_alarm_rate"].get<double>(), 0.005);
}

TEST(WithoutCorpusCues, LowersMasksDigitsAndDropsAddresses) {
  EXPECT_EQ(WithoutCorpusCues("Call 0800 123, Mail jose@monkey.org NOW"), "call XXXX XXX, mail  now");
  EXPECT_EQ(WithoutCorpusCues("Déjà VU"), "déjà vu");
}

}  // namespace
}  // namespace redflag
