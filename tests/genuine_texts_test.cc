// Genuine texts written for these tests (tests/data): the scam model, with the rules, must rarely warn them.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace redflag {
namespace {

// The corpus holds few genuine texts that quote a sum ("$42.17"), so a model can learn that a currency
// sign means a scam (a "<money>" marker word did: 11 of these 20 were warned). These 20 receipts and
// alerts were written for this test; the shipped model warns 2 of them.
// How many of the genuine texts in tests/data/`name` (one a line, '#' starts a comment) are warned.
std::pair<int, int> WarnedOf(const std::string& name) {
  std::ifstream in(std::string(REDFLAG_SOURCE_DIR) + "/tests/data/" + name);
  EXPECT_TRUE(in) << "tests/data/" << name;
  int texts = 0, warned = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    Message m;
    m.text = line;
    m.channel = Channel::kSms;
    auto report = testing::BuiltInAnalyzer().Analyze(m);
    EXPECT_TRUE(report.ok()) << line;
    ++texts;
    if (report.ok() && report->verdict != Verdict::kNoRedFlags) ++warned;
  }
  return {warned, texts};
}

TEST(Analyzer, GenuineTextsWithSumsAreRarelyWarned) {
  auto [warned, texts] = WarnedOf("genuine_sums.txt");
  EXPECT_EQ(texts, 20);
  EXPECT_LE(warned, 4) << warned << " of " << texts << " genuine texts with a sum were warned";
}

// The corpora's genuine texts rarely hold a link, so a model taught on them alone learnt a link as a scam
// sign: it warned 15 of these 20 genuine reminders and bookings that link to a business the registry does not
// know. The model now also learns from the supplements in model/supplement/: with the first it warned 2 of
// them, with both none.
TEST(Analyzer, GenuineTextsWithLinksAreRarelyWarned) {
  auto [warned, texts] = WarnedOf("genuine_links.txt");
  EXPECT_EQ(texts, 20);
  EXPECT_LE(warned, 1) << warned << " of " << texts << " genuine texts with a link were warned";
}

// Of a file of 200 labelled genuine texts in tests/data: how many are warned, and how many called scams.
struct WarnedCount {
  int texts = 0, warned = 0, scams = 0;
};
WarnedCount WarnedOfJsonl(const std::string& name) {
  WarnedCount count;
  std::ifstream in(std::string(REDFLAG_SOURCE_DIR) + "/tests/data/" + name);
  EXPECT_TRUE(in) << name;
  for (std::string line; std::getline(in, line);) {
    auto row = nlohmann::json::parse(line);
    Message m;
    m.text = row["text"].get<std::string>();
    m.channel = row["channel"] == "whatsapp" ? Channel::kWhatsApp : Channel::kSms;
    auto report = testing::BuiltInAnalyzer().Analyze(m);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    if (!report.ok()) continue;
    ++count.texts;
    count.warned += report->verdict != Verdict::kNoRedFlags;
    count.scams += report->verdict == Verdict::kScam;
  }
  return count;
}

// At most `max_warned` of the 200 held-out genuine texts with a link in tests/data/`name` are warned, and at
// most `max_scams` called scams.
void ExpectRarelyWarned(const std::string& name, int max_warned, int max_scams) {
  WarnedCount c = WarnedOfJsonl(name);
  EXPECT_EQ(c.texts, 200);
  EXPECT_LE(c.warned, max_warned) << c.warned << " of " << c.texts
                                  << " genuine texts with a link were warned";
  EXPECT_LE(c.scams, max_scams) << c.scams << " of " << c.texts
                                << " genuine texts with a link were called scams";
}

// The same on 200 genuine texts with links written apart from the supplement, by someone who never saw it
// (tests/data/genuine_links_heldout.jsonl): the model taught on the corpora alone warned 104 (8 as scams),
// with the first supplement 13 (1 as a scam), with both 9 (none).
TEST(Analyzer, HeldOutGenuineTextsWithLinksAreRarelyWarned) {
  ExpectRarelyWarned("genuine_links_heldout.jsonl", 12, 1);
}

// And on 200 more, written on 2026-12-07 by someone who had seen neither supplement nor the first held-out
// set (tests/data/genuine_links_heldout2.jsonl): the model with the first supplement warned 16 (2 as scams),
// with both 7 (1).
TEST(Analyzer, SecondHeldOutGenuineTextsWithLinksAreRarelyWarned) {
  ExpectRarelyWarned("genuine_links_heldout2.jsonl", 10, 1);
}

}  // namespace
}  // namespace redflag
