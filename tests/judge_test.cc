// The judge on its own: red flags in, verdict and the scam named out (src/judge/judge.h), over the built-in
// knowledge base.
#include "judge/judge.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace redflag {
namespace {

// A threat with a deadline is suspicious even when each flag is weak (policy.yaml suspicious_combinations);
// either alone is not.
TEST(JudgeReport, AThreatWithADeadlineIsAtLeastSuspicious) {
  auto kb = LoadEmbeddedKnowledge();
  ASSERT_OK(kb);
  auto judge = [](const KnowledgeBase& k, const std::vector<std::string>& flags) {
    Findings findings;
    for (const std::string& flag : flags) findings.Add(flag, 0.5, {Field::kText, 0, 4, "text", ""});
    Report report;
    JudgeReport(k, {&findings, Channel::kSms, "", "en", false, false}, &report);
    return report.verdict;
  };
  EXPECT_EQ(judge(**kb, {"threat", "urgency"}), Verdict::kSuspicious);
  EXPECT_EQ(judge(**kb, {"threat"}), Verdict::kNoRedFlags);
  EXPECT_EQ(judge(**kb, {"urgency"}), Verdict::kNoRedFlags);
  KnowledgeBase without = **kb;
  without.suspicious_combinations.clear();
  EXPECT_EQ(judge(without, {"threat", "urgency"}),
            Verdict::kNoRedFlags);  // weak flags alone add up to little
}

// A combination with min_strength holds only when each of its `all` flags is that strong: "Hi mum" (a weak
// new_number) with a request for money is suspicious, "this is my new number" with one a scam.
TEST(JudgeReport, AWeakHintDoesNotCompleteAStrongCombination) {
  auto kb = LoadEmbeddedKnowledge();
  ASSERT_OK(kb);
  auto judge = [&](double new_number) {
    Findings findings;
    findings.Add("new_number", new_number, {Field::kText, 0, 6, "Hi mum", ""});
    findings.Add("payment_request", 0.7, {Field::kText, 8, 20, "send me 20 ", ""});
    Report report;
    JudgeReport(**kb, {&findings, Channel::kWhatsApp, "", "en", false, false}, &report);
    return report.verdict;
  };
  EXPECT_EQ(judge(0.9), Verdict::kScam);
  EXPECT_EQ(judge(0.3), Verdict::kSuspicious);
}

// A scam's fallback_match names a warned message only when no scam's match or also_match holds: a topic never
// outranks a rule, and a message with no red flag names no scam at all.
TEST(JudgeReport, FallbackRulesNameAScamOnlyWhenNoRuleDoes) {
  auto kb = LoadEmbeddedKnowledge();
  ASSERT_OK(kb);
  auto scams = [&](const std::vector<std::string>& flags) {
    Findings findings;
    for (const std::string& flag : flags) findings.Add(flag, 1.0, {Field::kText, 0, 4, "text", ""});
    Report report;
    JudgeReport(**kb, {&findings, Channel::kSms, "", "en", false, false}, &report);
    std::vector<std::string> ids;
    for (const auto& s : report.scams) ids.push_back(s.id);
    return ids;
  };
  // A warned message about a parcel, and nothing else: its topic names it.
  EXPECT_THAT(scams({"scam_language", "delivery_topic"}),
              ::testing::ElementsAre("courier_failed_delivery_link"));
  // A code request names the code theft by its own rule; the parcel topic adds no second guess.
  EXPECT_THAT(scams({"code_request", "delivery_topic"}), ::testing::ElementsAre("registration_code_theft"));
  // A bank beside an account outranks the account alone; a prize outranks a topic by its weight.
  auto top = [&](const std::vector<std::string>& flags) {
    std::vector<std::string> ids = scams(flags);
    return ids.empty() ? std::string() : ids.front();
  };
  EXPECT_EQ(top({"scam_language", "account_topic", "bank_topic"}), "bank_kyc_update");
  EXPECT_EQ(top({"scam_language", "account_topic"}), "account_phishing_link");
  EXPECT_EQ(top({"scam_language", "prize", "account_topic"}), "fake_prize_promotion");
  // Not warned: no name, whatever the topic.
  EXPECT_TRUE(scams({"delivery_topic"}).empty());
}

// A rule may name kinds of brand (brands/*.yaml category) instead of brands: a warned message that names a
// bank of the registry, and that no rule names, is the bank impersonation scam.
TEST(JudgeReport, ARuleMayNameAKindOfBrand) {
  auto kb = LoadEmbeddedKnowledge();
  ASSERT_OK(kb);
  auto top = [&](const std::string& brand) {
    Findings findings;
    findings.Add("scam_language", 1.0, {Field::kText, 0, 4, "text", ""});
    Report report;
    if (!brand.empty()) report.brands.push_back({brand, brand, "mentioned", {}});
    JudgeReport(**kb, {&findings, Channel::kSms, "", "en", false, false}, &report);
    return report.scams.empty() ? std::string() : report.scams.front().id;
  };
  EXPECT_EQ(top("chase"), "bank_kyc_update");                    // category bank
  EXPECT_EQ(top("royal_mail"), "courier_failed_delivery_link");  // category postal
  EXPECT_EQ(top(""), "");                                        // no brand, no topic: nothing to name it by
}

}  // namespace
}  // namespace redflag
