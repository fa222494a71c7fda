#include "detect/pattern_set.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

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

std::vector<std::string> CachedDatabases(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(PatternSet, TheCacheKeepsOnlyTheMostRecentlyUsedDatabases) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(::testing::TempDir()) / "redflag-pattern-cache";
  fs::remove_all(dir);
  auto compile = [&](const std::string& regex) {
    PatternSet set;
    set.Add(regex);
    ASSERT_TRUE(set.Compile(dir.string()).ok());
    EXPECT_EQ(Quotes(set, "say " + regex), std::vector<std::string>{regex});  // a loaded database still works
  };
  compile("first");
  ASSERT_EQ(CachedDatabases(dir).size(), 1u);
  std::string first = CachedDatabases(dir)[0];
  fs::create_directories(dir / "not-ours");
  std::ofstream(dir / "notes.txt") << "left alone";
  // Each new set of patterns adds a database; the oldest go once there are more than the bound,
  // except one used again in between, and files the cache did not write.
  for (size_t i = 0; i < PatternSet::kCachedDatabases + 2; ++i) {
    compile("pattern" + std::to_string(i));
    compile("first");  // loaded from the cache: counts as used
  }
  std::vector<std::string> left = CachedDatabases(dir);
  EXPECT_EQ(left.size(), PatternSet::kCachedDatabases + 2);  // the bound, the folder and the note
  EXPECT_NE(std::find(left.begin(), left.end(), first), left.end());
  EXPECT_NE(std::find(left.begin(), left.end(), "notes.txt"), left.end());
  EXPECT_NE(std::find(left.begin(), left.end(), "not-ours"), left.end());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace redflag
