// Campaigns over real reports: messages analysed by the built-in engine, written as `scan` writes them.
#include "campaigns/campaigns.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "campaigns/campaigns_output.h"
#include "report/report_json.h"
#include "test_support.h"

namespace redflag {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

struct Sms {
  std::string id;
  std::string text;
  std::string time = "";
};

// The reports `redflag scan` would write for these messages, one a line.
std::vector<std::string> ScanLines(const std::vector<Sms>& messages, bool compact = true) {
  std::vector<std::string> lines;
  for (size_t i = 0; i < messages.size(); ++i) {
    Message m;
    m.text = messages[i].text;
    m.channel = Channel::kSms;
    auto report = testing::BuiltInAnalyzer().Analyze(m);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    if (!report.ok()) continue;
    lines.push_back(ReportJson(*report, false, {&messages[i].id, &messages[i].time, i + 1, compact}));
  }
  return lines;
}

CampaignSummary Summarize(const std::vector<std::string>& lines, const CampaignOptions& options = {}) {
  CampaignBuilder builder;
  for (size_t i = 0; i < lines.size(); ++i) builder.AddLine(lines[i], i + 1);
  return builder.Summarize(options);
}

std::vector<std::string> Ids(const Campaign& c) { return c.ids; }

const Sms kFeeA{"fee-a",
                "USPS: your parcel is on hold. Pay the 1.99 USD redelivery fee today at "
                "https://usps-redeliver-fee.top/a1"};
const Sms kFeeB{
    "fee-b",
    "USPS: final notice, your package will be returned. Pay the fee at https://usps-redeliver-fee.top/zz9 "
    "or call +1 202 555 0143"};
const Sms kCallback{
    "callback",
    "Your account is locked. Call +1 202 555 0143 now to verify your identity and avoid suspension"};
const Sms kDhl{"dhl",
               "DHL: your parcel is waiting, pay customs fee at https://www.dhl.com/track and "
               "https://dhl-fee-pay.top/q"};
const Sms kDhlOther{"dhl-other",
                    "DHL: pay the customs fee for your parcel now at https://dhl-parcel-release.top/p and "
                    "track it at https://www.dhl.com/track"};
const Sms kAmazon{
    "amazon",
    "Your Amazon order is delayed, confirm your card at https://bit.ly/3AbCdE within 24 hours or it "
    "will be cancelled"};
const Sms kNetflix{
    "netflix",
    "Netflix: your payment failed, update your card details at https://bit.ly/9XyZw today or lose "
    "access"};
const Sms kNetflixAgain{"netflix-again",
                        "Netflix: your payment failed, update your card details at https://bit.ly/9XyZw "
                        "today or your account will be closed"};
const Sms kDentist{
    "dentist",
    "Dentist reminder: your appointment is on Friday at 10:00. Directions: https://bit.ly/dentist-map"};

TEST(Campaigns, MessagesSharingAScamDomainAreOneCampaign) {
  CampaignSummary s = Summarize(ScanLines({kFeeA, kDhl, kFeeB}));
  EXPECT_EQ(s.reports, 3u);
  ASSERT_EQ(s.campaigns.size(), 1u);
  const Campaign& c = s.campaigns[0];
  EXPECT_EQ(c.messages, 2u);
  EXPECT_EQ(c.scam, 2u);
  EXPECT_THAT(Ids(c), ElementsAre("fee-a", "fee-b"));
  EXPECT_THAT(c.lines, ElementsAre(1u, 3u));
  ASSERT_FALSE(c.indicators.empty());
  EXPECT_EQ(c.indicators[0].first, (Indicator{"domain", "usps-redeliver-fee.top"}));
  EXPECT_EQ(c.indicators[0].second, 2u);
  EXPECT_EQ(s.warned_in_campaigns, 2u);
}

// A number beside the domain joins a third message that shares only the number.
TEST(Campaigns, SharingIsTransitive) {
  CampaignSummary s = Summarize(ScanLines({kFeeA, kCallback, kFeeB}));
  ASSERT_EQ(s.campaigns.size(), 1u);
  EXPECT_THAT(Ids(s.campaigns[0]), ElementsAre("fee-a", "callback", "fee-b"));
  EXPECT_THAT(s.campaigns[0].indicators,
              ::testing::Contains(std::pair<Indicator, size_t>{{"phone", "+12025550143"}, 2}));
}

// Both quote DHL's own tracking page; that is DHL's, not the scammers'.
TEST(Campaigns, ABrandsOwnLinkJoinsNoOne) {
  CampaignSummary s = Summarize(ScanLines({kDhl, kDhlOther}));
  EXPECT_EQ(s.scam + s.suspicious, 2u);
  EXPECT_TRUE(s.campaigns.empty());
  s = Summarize(ScanLines({kDhl, kDhlOther}), {.min_messages = 1});
  ASSERT_EQ(s.campaigns.size(), 2u);
  for (const Campaign& c : s.campaigns)
    for (const auto& [indicator, n] : c.indicators) EXPECT_NE(indicator.value, "dhl.com");
}

// bit.ly is in a genuine reminder too: it says nothing of who sent a link, so only the same short link joins.
TEST(Campaigns, ADomainGenuineMessagesUseJoinsByTheWholeLink) {
  CampaignSummary alone = Summarize(ScanLines({kAmazon, kNetflix, kNetflixAgain}));
  ASSERT_EQ(alone.campaigns.size(), 1u);
  EXPECT_EQ(alone.campaigns[0].messages, 3u)
      << "with no genuine message, bit.ly looks like one sender's domain";

  CampaignSummary s = Summarize(ScanLines({kAmazon, kNetflix, kDentist, kNetflixAgain}));
  EXPECT_EQ(s.no_red_flags, 1u);
  ASSERT_EQ(s.campaigns.size(), 1u);
  EXPECT_THAT(Ids(s.campaigns[0]), ElementsAre("netflix", "netflix-again"));
  EXPECT_EQ(s.campaigns[0].indicators[0].first, (Indicator{"link", "bit.ly/9XyZw"}));

  CampaignSummary told =
      Summarize(ScanLines({kAmazon, kNetflix, kNetflixAgain}), {.shared_domains = {"bit.ly"}});
  ASSERT_EQ(told.campaigns.size(), 1u);
  EXPECT_THAT(Ids(told.campaigns[0]), ElementsAre("netflix", "netflix-again"));
}

// Mail forwarded from one mailbox quotes its owner's address; it joins two unrelated phishing mails until
// the analyst names it (or its domain) with --ignore.
TEST(Campaigns, IgnoredContactsJoinNothing) {
  const Sms mailbox{
      "mailbox",
      "Dear jose@mail.example.org, your mailbox is full and will be closed today. Validate it at "
      "https://mailbox-quota.top/v"};
  const Sms bank{"bank",
                 "jose@mail.example.org: your bank account is locked. Verify your card now at "
                 "https://secure-bank-unlock.top/x to avoid suspension"};
  CampaignSummary joined = Summarize(ScanLines({mailbox, bank}));
  ASSERT_EQ(joined.scam + joined.suspicious, 2u);
  ASSERT_EQ(joined.campaigns.size(), 1u);
  EXPECT_EQ(joined.campaigns[0].indicators[0].first, (Indicator{"email", "jose@mail.example.org"}));
  EXPECT_TRUE(
      Summarize(ScanLines({mailbox, bank}), {.ignored = {"jose@mail.example.org"}}).campaigns.empty());
  EXPECT_TRUE(Summarize(ScanLines({mailbox, bank}), {.ignored = {"example.org"}}).campaigns.empty());
  EXPECT_EQ(Summarize(ScanLines({mailbox, bank}), {.ignored = {"mple.org"}}).campaigns.size(), 1u)
      << "a domain covers its subdomains, not names that end in it";
}

TEST(Campaigns, CompactAndFullReportsGiveTheSameCampaigns) {
  std::vector<Sms> feed = {kFeeA, kCallback, kAmazon, kDentist, kFeeB, kNetflix, kNetflixAgain};
  EXPECT_EQ(CampaignsJson(Summarize(ScanLines(feed, true)), 0),
            CampaignsJson(Summarize(ScanLines(feed, false)), 0));
}

TEST(Campaigns, DaysCountMessagesAndTheirScams) {
  Sms a = kFeeA, b = kFeeB, d = kDentist, n = kNetflix;
  a.time = "2026-12-01T08:00:00Z";
  d.time = "2026-12-01 09:30";
  b.time = "2026-12-03T10:00:00Z";
  n.time = "yesterday";
  CampaignSummary s = Summarize(ScanLines({a, d, b, n, kNetflixAgain}));
  ASSERT_EQ(s.days.size(), 2u);
  EXPECT_EQ(s.days[0].date, "2026-12-01");
  EXPECT_EQ(s.days[0].messages, 2u);
  EXPECT_EQ(s.days[0].scam + s.days[0].suspicious, 1u);
  EXPECT_EQ(s.days[1].date, "2026-12-03");
  EXPECT_EQ(s.bad_time, 1u);
  EXPECT_EQ(s.first_bad_time_line, 4u);
  EXPECT_EQ(s.without_time, 1u);
  ASSERT_FALSE(s.campaigns.empty());
  const Campaign& fee = s.campaigns[0].ids[0] == "fee-a" ? s.campaigns[0] : s.campaigns[1];
  EXPECT_EQ(fee.first_seen, "2026-12-01T08:00:00Z");
  EXPECT_EQ(fee.last_seen, "2026-12-03T10:00:00Z");
  ASSERT_EQ(fee.days.size(), 2u);
  EXPECT_EQ(fee.days[0].key, "2026-12-01");
}

TEST(Campaigns, DatesThatDoNotExistAreNoDates) {
  Sms a = kFeeA, b = kFeeB;
  a.time = "2026-02-30";
  b.time = "2026-13-01T00:00:00Z";
  CampaignSummary s = Summarize(ScanLines({a, b}));
  EXPECT_EQ(s.bad_time, 2u);
  EXPECT_TRUE(s.days.empty());
}

// Nothing is dropped: every line is a report, a scan error, or a line named as unreadable.
TEST(Campaigns, LinesThatAreNoReportAreCountedAndNamed) {
  std::vector<std::string> lines = ScanLines({kFeeA, kFeeB});
  lines.insert(lines.begin() + 1,
               R"({"line":2,"id":"x","error":{"code":"invalid_line","message":"line 2: missing 'text'"}})");
  lines.push_back("{not json");
  lines.push_back(R"({"id":"y","verdict":"scam"})");
  lines.push_back(R"({"schema":"redflag.report/1","verdict":"safe"})");
  CampaignSummary s = Summarize(lines);
  EXPECT_EQ(s.reports, 2u);
  EXPECT_EQ(s.scan_errors, 1u);
  ASSERT_EQ(s.first_scan_errors.size(), 1u);
  EXPECT_EQ(s.first_scan_errors[0].line, 2u);
  EXPECT_EQ(s.unreadable, 3u);
  ASSERT_EQ(s.first_unreadable.size(), 3u);
  EXPECT_THAT(s.first_unreadable[0].message, HasSubstr("line 4: invalid JSON"));
  EXPECT_THAT(s.first_unreadable[1].message, HasSubstr("line 5: not a redflag report"));
  EXPECT_THAT(s.first_unreadable[2].message, HasSubstr("line 6: unknown verdict 'safe'"));
  EXPECT_EQ(s.reports + s.scan_errors + s.unreadable, lines.size());
  ASSERT_EQ(s.campaigns.size(), 1u);
  EXPECT_EQ(s.campaigns[0].messages, 2u);
}

TEST(Campaigns, JsonAndTextSaySoPlainly) {
  CampaignSummary s = Summarize(ScanLines({kFeeA, kCallback, kFeeB, kDentist}));
  auto j = nlohmann::json::parse(CampaignsJson(s, 0));
  EXPECT_EQ(j["schema"], "redflag.campaigns/1");
  EXPECT_EQ(j["reports"], 4);
  EXPECT_EQ(j["verdicts"]["no_red_flags"], 1);
  EXPECT_EQ(j["campaigns_total"], 1);
  ASSERT_EQ(j["campaigns"].size(), 1u);
  EXPECT_EQ(j["campaigns"][0]["messages"], 3);
  EXPECT_EQ(j["campaigns"][0]["ids"], nlohmann::json({"fee-a", "callback", "fee-b"}));
  EXPECT_TRUE(j["campaigns"][0]["first_seen"].is_null());
  EXPECT_FALSE(j["scams"].empty());
  EXPECT_TRUE(j["scams"][0].contains("name"));

  std::string text = CampaignsText(s, 20);
  EXPECT_THAT(text, HasSubstr("4 reports: "));
  EXPECT_THAT(text, HasSubstr("#1  3 messages"));
  EXPECT_THAT(text, HasSubstr("domain usps-redeliver-fee.top (2)"));
  EXPECT_THAT(text, HasSubstr("messages: fee-a, callback, fee-b"));
  // A summary never quotes the messages.
  EXPECT_THAT(text, ::testing::Not(HasSubstr("redelivery fee")));
}

TEST(Campaigns, TopLimitsTheCampaignsShownNotTheCount) {
  CampaignSummary s = Summarize(ScanLines({kFeeA, kFeeB, kNetflix, kNetflixAgain}));
  ASSERT_EQ(s.campaigns.size(), 2u);
  auto j = nlohmann::json::parse(CampaignsJson(s, 1));
  EXPECT_EQ(j["campaigns"].size(), 1u);
  EXPECT_EQ(j["campaigns_total"], 2);
  EXPECT_THAT(CampaignsText(s, 1), HasSubstr("(1 smaller campaign not shown"));
}

TEST(Campaigns, NoInputIsAnEmptySummary) {
  CampaignSummary s = Summarize({});
  EXPECT_EQ(s.reports, 0u);
  EXPECT_TRUE(s.campaigns.empty());
  EXPECT_THAT(CampaignsText(s, 20), HasSubstr("0 reports"));
}

}  // namespace
}  // namespace redflag
