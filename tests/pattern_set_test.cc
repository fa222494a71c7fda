#include "detect/pattern_set.h"

#include <gtest/gtest.h>

namespace redflag {
namespace {

std::vector<std::string> Quotes(const PatternSet& set, std::string_view text) {
  std::vector<std::string> out;
  for (const Match& m : set.Scan(text)) out.emplace_back(text.substr(m.start, m.end - m.start));
  return out;
}

TEST(PatternSet, SpansAreExactThroughBoundedRepeats) {
  PatternSet set;
  set.Add(R"(\bsend\b.{0,10}\bcode\b)");
  ASSERT_TRUE(set.Compile().ok());
  // Vectorscan scans a loosened copy ("send.*code"); RE2 keeps the bound.
  EXPECT_EQ(Quotes(set, "send me the code, send it"), std::vector<std::string>{"send me the code"});
  EXPECT_TRUE(Quotes(set, "send this message to everyone, no code").empty());
}

TEST(PatternSet, WholeWordMatchesNoPartOfALongerWord) {
  PatternSet set;
  set.Add("ups", "", Bounds::kWholeWord);
  set.Add("фейсбук", "", Bounds::kWholeWord);
  ASSERT_TRUE(set.Compile().ok());
  EXPECT_TRUE(Quotes(set, "our groups meet at 5").empty());
  EXPECT_TRUE(Quotes(set, "ups2 and 2ups").empty());
  EXPECT_TRUE(Quotes(set, "éups and upsé").empty());  // letters outside ASCII are letters too
  // The first "ups" is inside a word, the next two are words of their own, side by side.
  EXPECT_EQ(Quotes(set, "groups: ups ups."), (std::vector<std::string>{"ups", "ups"}));
  EXPECT_EQ(Quotes(set, "ups"), std::vector<std::string>{"ups"});
  EXPECT_EQ(Quotes(set, "мой фейсбук."), std::vector<std::string>{"фейсбук"});
  EXPECT_TRUE(Quotes(set, "фейсбуки").empty());
}

TEST(PatternSet, AnywhereMatchesInsideWords) {
  PatternSet set;
  set.Add("ups");
  ASSERT_TRUE(set.Compile().ok());
  EXPECT_EQ(Quotes(set, "groups"), std::vector<std::string>{"ups"});
}

}  // namespace
}  // namespace redflag
