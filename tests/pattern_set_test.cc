#include "detect/pattern_set.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <filesystem>
#include <fstream>

#include "detect/brand_finder.h"
#include "detect/lexicon.h"
#include "detect/registry.h"
#include "extract/contacts.h"
#include "redflag/knowledge.h"
#include "text/normalize.h"

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

// Vectorscan 5.4.9, scanning an ASCII pattern's copy as bytes with HS_FLAG_DOTALL, missed this match beside
// an unrelated French pattern (both verbatim from knowledge/signals/en/prize.yaml and
// fr/emergency_story.yaml; found by a red-team case in 2026-12-07's knowledge round).
TEST(PatternSet, AnAsciiPatternFiresBesideAUtf8One) {
  PatternSet set;
  set.Add(
      R"((\byour (pictures?|photos?|posts?|images?|pics?|likeness)\b.{0,150}\b(art ?project|art ?work|paintin)"
      R"(g|portrait|mural|muse)\b|\b(art ?project|art ?work|painting|portrait|mural|muse)\b.{0,150}\byour (pi)"
      R"(ctures?|photos?|posts?|images?|pics?|likeness)\b).{0,200}\b((get|getting|be|being) paid|compensated|)"
      R"(compensation|pay you)\b)");
  set.Add(
      R"(\b(je suis|j'ai [eé]t[eé]|je me suis fait|on m'a|il est|elle est|il a [eé]t[eé]|elle a [eé]t[eé]|on )"
      R"(l'a|ils l'ont|(votre|ton|ta) (petit-fils|petite-fille|petit fils|petite fille|petit-enfant|fils|fill)"
      R"(e|neveu|ni[eè]ce)( est| a [eé]t[eé])?)( actuellement| en ce moment)? (arr[eê]t[eé]|interpell[eé]|pla)"
      R"(c[eé]e? en garde [aà] vue|en garde [aà] vue|en prison|au commissariat|[aà] la gendarmerie|en d[eé]te)"
      R"(ntion|incarc[eé]r[eé]|[aà] l'h[oô]pital|aux urgences|hospitalis[eé])|\b(j'ai|il a|elle a|on a|nous a)"
      R"(vons|(votre|ton|ta) (petit-fils|petite-fille|petit fils|petite fille|fils|fille|neveu|ni[eè]ce) a) e)"
      R"(u un (grave |gros |terrible |s[eé]rieux )?accident)");
  ASSERT_TRUE(set.Compile().ok());
  const std::string text =
      "hi! i love your profile. one of your photos could be the muse for an art project i'm doing for a "
      "gallery, "
      "and you would get paid 600 dollars for it";
  EXPECT_EQ(set.Fired(text), std::vector<uint32_t>{0});
  EXPECT_EQ(set.Scan(text).size(), 1u);
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

// Vectorscan scans ASCII patterns as bytes (faster); a wildcard that must take exactly one character keeps
// its pattern in UTF-8 mode, where one character may be several bytes.
TEST(PatternSet, AOneCharacterWildcardStillTakesAWholeCharacter) {
  PatternSet set;
  set.Add("a.b");
  set.Add(R"(x\Wy)");
  set.Add("c[^o]d");
  set.Add(R"(send.{0,10}code)");
  ASSERT_TRUE(set.Compile().ok());
  EXPECT_EQ(Quotes(set, "aéb"), std::vector<std::string>{"aéb"});
  EXPECT_EQ(Quotes(set, "x€y"), std::vector<std::string>{"x€y"});
  EXPECT_EQ(Quotes(set, "c😀d"), std::vector<std::string>{"c😀d"});
  EXPECT_EQ(Quotes(set, "send ünë code"), std::vector<std::string>{"send ünë code"});
}

// Vectorscan looks for any characters where a pattern repeats letters (its copy reads "geb.+ für"), which is
// quick to compile; RE2 still asks for letters.
TEST(PatternSet, RepeatedLettersStayLetters) {
  PatternSet set;
  set.Add(R"(\bgeb\p{L}+ für)");
  set.Add(R"(\bich [\p{L}-]{2,} bin\b)");
  ASSERT_TRUE(set.Compile().ok());
  EXPECT_EQ(Quotes(set, "die gebühr für"), std::vector<std::string>{"gebühr für"});
  EXPECT_TRUE(Quotes(set, "geb 12 für").empty());
  EXPECT_EQ(Quotes(set, "ob ich hans-jürgen bin"), std::vector<std::string>{"ich hans-jürgen bin"});
  EXPECT_TRUE(Quotes(set, "ich 42 bin").empty());
  EXPECT_TRUE(Quotes(set, "ich é bin").empty());
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

// The command line tells a person to wait while the patterns compile, and only then.
TEST(PatternSet, SaysWhenItCompilesRatherThanLoads) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(::testing::TempDir()) / "redflag-compile-notice";
  fs::remove_all(dir);
  auto notices = [&](const std::string& cache) {
    int calls = 0;
    PatternSet set;
    set.Add("wait");
    EXPECT_TRUE(set.Compile(cache, [&] { ++calls; }).ok());
    return calls;
  };
  EXPECT_EQ(notices(dir.string()), 1);  // nothing cached yet
  EXPECT_EQ(notices(dir.string()), 0);  // loaded
  EXPECT_EQ(notices(""), 1);            // no cache at all
  fs::remove_all(dir);
}

// The analyzer's patterns, added and compiled as the analyzer does, so its cached database is the one tested.
class AnalyzerPatterns : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = LoadEmbeddedKnowledge();
    ASSERT_TRUE(loaded.ok());
    kb_ = *loaded;
    registry_ = std::make_unique<BrandRegistry>(*kb_);
    lexicon_ = std::make_unique<Lexicon>(*kb_, &set_);
    brands_ = std::make_unique<BrandFinder>(*kb_, *registry_, &set_);
    contacts_ = std::make_unique<ContactExtractor>(&set_);
    ASSERT_TRUE(set_.Compile(REDFLAG_TEST_CACHE).ok());
  }

  std::shared_ptr<const KnowledgeBase> kb_;
  PatternSet set_;
  std::unique_ptr<BrandRegistry> registry_;
  std::unique_ptr<Lexicon> lexicon_;
  std::unique_ptr<BrandFinder> brands_;
  std::unique_ptr<ContactExtractor> contacts_;
};

// Vectorscan 5.4.9's AVX-512 runtime missed this handle at some addresses of the text (its vermicelli
// tail check, VectorCamp/vectorscan#378): a match must not depend on where the text lies in memory.
TEST_F(AnalyzerPatterns, AMatchDoesNotDependOnTheTextsAddress) {
  const std::string text =
      "Subject: [use Perl] Headlines for 2002-08-28\n\nuse Perl Daily Headline Mailer\n\n"
      ".NET and Perl, Working Together\n posted by pudge on Tuesday August 27, @09:17 (links)\n"
      " http://use.perl.org/article.pl?sid=02/08/27/1317253\n\nCopyright 1997-2002 pudge.";
  std::vector<char> buffer(text.size() + 128);
  int missed = 0;
  for (size_t shift = 0; shift < 64; ++shift) {
    // The same bytes, starting `shift` bytes after a 64-byte boundary.
    char* start = buffer.data() + (64 - reinterpret_cast<uintptr_t>(buffer.data()) % 64) % 64 + shift;
    std::copy(text.begin(), text.end(), start);
    std::vector<std::string> quotes = Quotes(set_, std::string_view(start, text.size()));
    if (std::find(quotes.begin(), quotes.end(), "@09") == quotes.end()) ++missed;
  }
  EXPECT_EQ(missed, 0) << "of 64 alignments";
}

// Vectorscan only pre-selects: a pattern RE2 would match must have fired, or its red flag is silently lost.
// In the analyzer's database, Vectorscan 5.4.9 missed "\b(no|without|zero|free of|never( charge| ask for)?(
// an| any)?)( any)? (upfront|up-front|up front) (fee|...)\b" in "quote for your garden, no upfront fee
// required" but not in "for your garden, no upfront fee required", whatever the CPU features it was compiled
// for. Dropping the leading \b from the copy only moved the fault to another pattern, so the knowledge base
// words such patterns another way, and this test holds every lexicon pattern's match examples, with words in
// front, to firing in the analyzer's database.
TEST_F(AnalyzerPatterns, EveryMatchExampleFiresWhereverItStarts) {
  RE2::Options options;
  options.set_log_errors(false);
  const std::vector<std::string> fillers = {"",
                                            "ok ",
                                            "well well well well well ",
                                            "quote for your garden, ",
                                            "x x x x x x x x x x x x ",
                                            "abcdefghij abcdefghi abcdefghij abcdefghi abcdefghij "};
  int checked = 0;
  for (uint32_t i = 0; i < set_.size(); ++i) {
    const SignalPattern* p = lexicon_->PatternAt(i);
    if (p == nullptr) continue;
    RE2 twin(p->regex, options);
    for (const std::string& example : p->examples.match) {
      for (const std::string& filler : fillers) {
        const std::string text = Normalize(filler + example).text;
        if (!RE2::PartialMatch(text, twin)) continue;  // an example anchored at the start ("^...")
        std::vector<uint32_t> fired = set_.Fired(text);
        ++checked;
        EXPECT_NE(std::find(fired.begin(), fired.end(), i), fired.end())
            << p->id << " did not fire on \"" << text << "\"";
      }
    }
  }
  EXPECT_GT(checked, 10000);
}

}  // namespace
}  // namespace redflag
