// The knowledge base: the built-in one is sound (every pattern compiles, every
// example behaves), and broken files are refused with file:line and the reason.
#include "redflag/knowledge.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "test_support.h"

namespace redflag {
namespace {

namespace fs = std::filesystem;

TEST(Knowledge, BuiltInLintsClean) {
  std::vector<std::string> problems = LintKnowledge("", REDFLAG_TEST_CACHE);
  for (const auto& p : problems) ADD_FAILURE() << p;
}

TEST(Knowledge, SourceFolderLintsClean) {
  std::vector<std::string> problems = LintKnowledge(std::string(REDFLAG_SOURCE_DIR) + "/knowledge", REDFLAG_TEST_CACHE);
  EXPECT_TRUE(problems.empty()) << problems.size() << " problems, first: " << problems.front();
}

TEST(Knowledge, CoversWhatTheIssueAsks) {
  const KnowledgeBase& kb = testing::BuiltInAnalyzer().knowledge();
  EXPECT_GE(kb.brands.size(), 30u);
  EXPECT_GE(kb.scams.size(), 15u);
  for (const char* b : {"whatsapp", "whatsapp_business", "meta", "instagram", "facebook", "telegram", "binance",
                        "coinbase", "google", "apple", "microsoft", "amazon", "paypal", "netflix", "dhl", "fedex",
                        "ups", "usps", "royal_mail", "pakistan_post", "tcs", "jazzcash", "easypaisa", "bisp"})
    EXPECT_NE(kb.FindBrand(b), nullptr) << b;
  for (const char* c : {"PK", "IN", "GB", "US", "FR", "IT", "ES", "BR", "NG", "AE"})
    EXPECT_NE(kb.FindCountry(c), nullptr) << c;
  std::set<std::string> langs;
  for (const auto& s : kb.signals) langs.insert(s.lang);
  for (const char* l : {"en", "fr", "it", "es", "pt", "ur", "ur-Latn", "hi"}) EXPECT_TRUE(langs.count(l)) << l;
}

// Every interface language words each evidence note the engine writes, with the
// same placeholders as English (a note left in English would read oddly beside
// a translated explanation).
TEST(Knowledge, EveryLanguageWordsEachEvidenceNote) {
  const KnowledgeBase& kb = testing::BuiltInAnalyzer().knowledge();
  const std::map<std::string, std::vector<std::string>> notes = {{"disguised", {}},
                                                                 {"imitates", {"{official}", "{how}"}},
                                                                 {"not_official_address", {"{brand}"}},
                                                                 {"never_contacts", {"{brand}", "{channel}"}},
                                                                 {"not_brand_website", {"{brand}"}},
                                                                 {"claims_to_be", {"{brand}"}},
                                                                 {"model_words", {}}};
  EXPECT_GE(kb.ui.size(), 9u);
  for (const auto& [lang, ui] : kb.ui) {
    for (const auto& [key, placeholders] : notes) {
      auto it = ui.evidence_notes.find(key);
      ASSERT_NE(it, ui.evidence_notes.end()) << lang << ": " << key;
      for (const std::string& p : placeholders)
        EXPECT_NE(it->second.find(p), std::string::npos) << lang << ": " << key;
    }
    for (const char* how :
         {"brand_before_at", "brand_in_username", "brand_in_display_name", "confusable", "typo"})
      EXPECT_TRUE(ui.lookalike_how.count(how)) << lang << ": " << how;
    for (const char* fact : {"never", "uses", "unknown", "official", "check_with", "last_reviewed"})
      EXPECT_TRUE(ui.channel_facts.count(fact)) << lang << ": channel_facts." << fact;
  }
  EXPECT_EQ(kb.EvidenceNote("fr", "model_words"), "typique des messages d'arnaque");
  EXPECT_EQ(kb.EvidenceNote("xx", "model_words"), "typical of scam messages");  // unknown language: English
  EXPECT_EQ(FillIn("{brand} never calls {brand} users", "{brand}", "WhatsApp"),
            "WhatsApp never calls WhatsApp users");
}

TEST(Knowledge, EveryFactHasSourcesAndAReviewDate) {
  const KnowledgeBase& kb = testing::BuiltInAnalyzer().knowledge();
  for (const auto& b : kb.brands) {
    EXPECT_FALSE(b.sources.empty()) << b.id;
    EXPECT_EQ(b.last_reviewed.size(), 10u) << b.id;
  }
  for (const auto& s : kb.scams) EXPECT_FALSE(s.sources.empty()) << s.id;
  for (const auto& c : kb.countries) EXPECT_FALSE(c.sources.empty()) << c.code;
}

// A copy of the knowledge folder with one file replaced.
class BrokenKnowledge : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("redflag-kb-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::copy(std::string(REDFLAG_SOURCE_DIR) + "/knowledge", dir_, fs::copy_options::recursive);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& path, const std::string& content) {
    std::ofstream(dir_ / path, std::ios::binary | std::ios::trunc) << content;
  }
  // Keeps only the files every knowledge base needs, so a lint compiles few patterns.
  void KeepOnlyTheCore() {
    for (const char* d : {"brands", "scams", "countries", "signals"}) fs::remove_all(dir_ / d);
    fs::create_directories(dir_ / "signals/en");
  }
  std::string FirstProblem() {
    auto kb = LoadKnowledgeDir(dir_.string());
    EXPECT_FALSE(kb.ok());
    return kb.ok() ? "" : kb.status().message();
  }
  fs::path dir_;
};

TEST_F(BrokenKnowledge, YamlSyntaxErrorNamesFileAndLine) {
  Write("brands/dhl.yaml", "id: dhl\nname: [unclosed\n");
  EXPECT_THAT(FirstProblem(), ::testing::HasSubstr("brands/dhl.yaml:"));
}

TEST_F(BrokenKnowledge, MissingFieldIsNamed) {
  Write("brands/dhl.yaml", "id: dhl\nname: DHL\nlast_reviewed: 2026-11-22\n");
  EXPECT_THAT(FirstProblem(), ::testing::HasSubstr("brands/dhl.yaml:1: missing 'sources'"));
}

TEST_F(BrokenKnowledge, BadDomainIsRefused) {
  Write("brands/dhl.yaml",
        "id: dhl\nname: DHL\ndomains:\n  web: [DHL.com/x]\nsources: [{url: 'https://x', title: t}]\n"
        "last_reviewed: 2026-11-22\n");
  EXPECT_THAT(FirstProblem(), ::testing::HasSubstr("is not a lower-case domain"));
}

// A flag's attributes change verdicts (push, wants_brand_link): a misspelt one is named, not ignored.
TEST_F(BrokenKnowledge, UnknownFlagAttributeIsNamed) {
  Write("flags.yaml", "flags:\n  - {id: urgency, severity: medium, weight: 0.20, psuh: true}\n");
  EXPECT_THAT(FirstProblem(), ::testing::HasSubstr("flags.yaml:2: unknown key 'psuh' of a flag"));
}

// A map where a list belongs (found by fuzz/knowledge_fuzzer.cc) used to surface as yaml-cpp's own
// "flags.yaml:0: invalid node; this may result from using a map iterator as a sequence iterator".
TEST_F(BrokenKnowledge, AMapWhereAListBelongsIsNamedWithItsLine) {
  Write("flags.yaml", "# red flags\nflags:\n  suspicious: 30\n  scam: 70\n");
  EXPECT_THAT(FirstProblem(), ::testing::HasSubstr("flags.yaml:3: 'flags' must be a list"));
  Write("flags.yaml", "flags:\n  - {id: urgency, severity: medium, weight: 0.20}\n");
  Write("policy.yaml", "thresholds: {suspicious: 30, scam: 70}\nscam_combinations: {all: [code_request]}\n");
  EXPECT_THAT(FirstProblem(), ::testing::HasSubstr("policy.yaml:2: 'scam_combinations' must be a list"));
}

// A word two romanised languages both list would name either: it belongs in common_words.
TEST_F(BrokenKnowledge, ARomanizedWordBelongsToOneLanguage) {
  Write("languages.yaml",
        "min_words: 3\nmin_share: 0.2\ncommon_words: [hai, ka]\nromanized:\n"
        "  - {lang: ur-Latn, countries: [PK], words: [hy, krain]}\n"
        "  - {lang: hi-Latn, countries: [IN], words: [kripya, krain]}\n"
        "sources: [{url: 'https://x', title: t}]\nlast_reviewed: 2026-12-06\n");
  EXPECT_THAT(FirstProblem(), ::testing::HasSubstr("languages.yaml:6: 'krain' is ur-Latn's word too"));
}

// A customer mailbox domain (domains.mailbox) is anyone's address: never a brand's official mail, nor
// another brand's website; and a misspelt key under `domains` is named, not ignored.
TEST_F(BrokenKnowledge, AMailboxDomainIsNoOfficialMailDomain) {
  const std::string head = "id: dhl\nname: DHL\ndomains:\n";
  const std::string tail = "sources: [{url: 'https://x', title: t}]\nlast_reviewed: 2026-11-22\n";
  Write("brands/dhl.yaml",
        head + "  web: [dhl.com]\n  email: [dhl-mail.com]\n  mailbox: [dhl-mail.com]\n" + tail);
  EXPECT_THAT(FirstProblem(),
              ::testing::HasSubstr(
                  "'dhl-mail.com' is dhl's customer mailbox domain and cannot be dhl's official email"));
  Write("brands/dhl.yaml", head + "  web: [dhl.com, att.net]\n" + tail);
  EXPECT_THAT(FirstProblem(),
              ::testing::HasSubstr("'att.net' is att's customer mailbox domain and cannot be dhl's web"));
  Write("brands/dhl.yaml", head + "  web: [dhl.com]\n  mailboxes: [dhl-mail.com]\n" + tail);
  EXPECT_THAT(FirstProblem(), ::testing::HasSubstr("brands/dhl.yaml:5: unknown key 'domains.mailboxes'"));
}

TEST_F(BrokenKnowledge, AMailboxDomainIsNoPublicSuffix) {
  Write("brands/dhl.yaml",
        "id: dhl\nname: DHL\ndomains:\n  web: [dhl.com]\n  mailbox: [co.uk]\n"
        "sources: [{url: 'https://x', title: t}]\nlast_reviewed: 2026-11-22\n");
  EXPECT_THAT(FirstProblem(),
              ::testing::HasSubstr("brands/dhl.yaml:1: mailbox domain 'co.uk' is a public suffix"));
}

TEST_F(BrokenKnowledge, UnknownFlagInAScamIsRefused) {
  Write("scams/extra.yaml",
        "id: extra\nname: X\nfamily: F\nsummary: s\nmatch: {all: [no_such_flag]}\nadvice: {}\n"
        "sources: [{url: 'https://x', title: t}]\nlast_reviewed: 2026-11-22\n");
  EXPECT_THAT(FirstProblem(), ::testing::HasSubstr("unknown flag 'no_such_flag'"));
}

TEST_F(BrokenKnowledge, ANumberHintMustBeAKnownFlag) {
  Write("countries/gb.yaml",
        "code: GB\nname: United Kingdom\nnumber_hint: priced_in_euros\n"
        "report: [{name: X, what: w, url: 'https://x'}]\nsources: [{url: 'https://x', title: t}]\n"
        "last_reviewed: 2026-11-22\n");
  EXPECT_THAT(FirstProblem(), ::testing::AllOf(::testing::HasSubstr("countries/gb.yaml:1:"),
                                               ::testing::HasSubstr("unknown flag 'priced_in_euros'")));
}

// also_match and fallback_match rules: known flags, a list, each with 'all' or 'any'.
TEST_F(BrokenKnowledge, AlsoMatchAndFallbackMatchRulesAreCheckedLikeMatch) {
  const std::string head = "id: extra\nname: X\nfamily: F\nsummary: s\nmatch: {all: [code_request]}\n";
  const std::string tail = "advice: {}\nsources: [{url: 'https://x', title: t}]\nlast_reviewed: 2026-11-22\n";
  for (auto [key, rule] : {std::pair<std::string, std::string>{"also_match", "an 'also_match' rule"},
                           {"fallback_match", "a 'fallback_match' rule"}}) {
    Write("scams/extra.yaml", head + key + ": [{all: [no_such_flag]}]\n" + tail);
    EXPECT_THAT(FirstProblem(), ::testing::HasSubstr("scam 'extra' names unknown flag 'no_such_flag'"))
        << key;
    Write("scams/extra.yaml", head + key + ": {all: [prize]}\n" + tail);
    EXPECT_THAT(FirstProblem(),
                ::testing::HasSubstr("scams/extra.yaml:6: '" + key + "' must be a list of rules"));
    Write("scams/extra.yaml", head + key + ": [{brands: [dhl]}]\n" + tail);
    EXPECT_THAT(FirstProblem(), ::testing::HasSubstr(rule + " needs 'all' or 'any'"));
    Write("scams/extra.yaml", head + key + ": [{any: [prize], brand_categories: [casino]}]\n" + tail);
    EXPECT_THAT(FirstProblem(), ::testing::HasSubstr("names brand category 'casino' that no brand has"))
        << key;
  }
}

TEST_F(BrokenKnowledge, OnlyAProfileOrHandleLinkNamesPathParts) {
  std::ifstream in(dir_ / "policy.yaml");
  std::string policy((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string page = "{domain: sites.google.com, opens: page, platform: google}";
  ASSERT_NE(policy.find(page), std::string::npos);
  std::string broken = policy;
  broken.replace(broken.find(page), page.size(),
                 "{domain: sites.google.com, opens: page, platform: google, own: [a]}");
  Write("policy.yaml", broken);
  EXPECT_THAT(FirstProblem(), ::testing::HasSubstr("only a profile or handle link has 'own' or 'pages'"));
  broken = policy;
  broken.replace(broken.find(page), page.size(),
                 "{domain: sites.google.com, opens: handle, platform: google, under: a}");
  Write("policy.yaml", broken);
  EXPECT_THAT(FirstProblem(), ::testing::HasSubstr("only a profile link has 'under' or 'prefix'"));
  broken = policy;
  broken.replace(broken.find(page), page.size(), "{domain: sites.google.com, opens: site, platform: google}");
  Write("policy.yaml", broken);
  EXPECT_THAT(FirstProblem(), ::testing::HasSubstr("policy.yaml:"));
  EXPECT_THAT(FirstProblem(), ::testing::HasSubstr("'opens' must be phone, handle, group, page or profile"));
}

TEST_F(BrokenKnowledge, ACombinationsMinimumStrengthIsAShare) {
  std::ifstream in(dir_ / "policy.yaml");
  std::string policy((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string strong = "min_strength: 0.5}";
  ASSERT_NE(policy.find(strong), std::string::npos);
  policy.replace(policy.find(strong), strong.size(), "min_strength: 5}");
  Write("policy.yaml", policy);
  EXPECT_THAT(FirstProblem(), ::testing::HasSubstr("policy.yaml:"));
  EXPECT_THAT(FirstProblem(), ::testing::HasSubstr("'min_strength' must be in (0, 1]"));
}

TEST_F(BrokenKnowledge, ALinkShortenerIsALowerCaseDomain) {
  std::ifstream in(dir_ / "policy.yaml");
  std::string policy((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string shortener = "link_shorteners: [bit.ly,";
  ASSERT_NE(policy.find(shortener), std::string::npos);
  policy.replace(policy.find(shortener), shortener.size(), "link_shorteners: [Bit.ly,");
  Write("policy.yaml", policy);
  EXPECT_THAT(FirstProblem(), ::testing::HasSubstr("policy.yaml:"));
  EXPECT_THAT(FirstProblem(),
              ::testing::HasSubstr("'link_shorteners' holds lower-case domains, not 'Bit.ly'"));
}

// Two internal flags alone would warn with nothing to show: kb lint names the combination.
TEST_F(BrokenKnowledge, ACombinationOfInternalFlagsAloneIsRefused) {
  std::ifstream in(dir_ / "policy.yaml");
  std::string policy((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string anchor = "scam_combinations:\n";
  ASSERT_NE(policy.find(anchor), std::string::npos);
  policy.insert(policy.find(anchor) + anchor.size(), "  - all: [vote_request, unknown_link]\n");
  Write("policy.yaml", policy);
  EXPECT_THAT(FirstProblem(),
              ::testing::HasSubstr("the combination of [vote_request, unknown_link] and [] may "
                                   "warn with no shown flag"));
}

// A pattern written under 'exceptions' would silence its flag where it should raise it: a weight gives it
// away.
TEST_F(BrokenKnowledge, AnExceptionWithAWeightIsRefused) {
  KeepOnlyTheCore();
  Write("signals/en/secrecy.yaml",
        "flag: secrecy\nlang: en\npatterns:\n  - id: en.secrecy.keep\n    regex: 'keep it secret'\n"
        "    examples: {match: ['keep it secret']}\nexceptions:\n  - id: en.secrecy.misplaced\n"
        "    regex: 'tell no one'\n    weight: 0.8\n    examples: {match: ['tell no one']}\n"
        "sources: [{url: 'https://x', title: t}]\nlast_reviewed: 2026-11-22\n");
  EXPECT_THAT(
      FirstProblem(),
      ::testing::HasSubstr("signals/en/secrecy.yaml:10: exception 'en.secrecy.misplaced' has a 'weight'"));
}

TEST_F(BrokenKnowledge, PatternThatDoesNotCompileIsNamed) {
  KeepOnlyTheCore();
  Write("signals/en/secrecy.yaml",
        "flag: secrecy\nlang: en\npatterns:\n  - id: en.secrecy.bad\n    regex: '(unclosed'\n"
        "    examples: {match: [x]}\nsources: [{url: 'https://x', title: t}]\nlast_reviewed: 2026-11-22\n");
  std::vector<std::string> problems = LintKnowledge(dir_.string(), REDFLAG_TEST_CACHE);
  ASSERT_FALSE(problems.empty());
  EXPECT_THAT(problems.front(), ::testing::HasSubstr("signals/en/secrecy.yaml:4: pattern 'en.secrecy.bad'"));
}

TEST_F(BrokenKnowledge, ExampleThatDoesNotMatchIsReported) {
  KeepOnlyTheCore();
  Write("signals/en/secrecy.yaml",
        "flag: secrecy\nlang: en\npatterns:\n  - id: en.secrecy.narrow\n    regex: 'keep it secret'\n"
        "    examples: {match: ['tell no one'], no_match: ['keep it secret']}\n"
        "sources: [{url: 'https://x', title: t}]\nlast_reviewed: 2026-11-22\n");
  std::vector<std::string> problems = LintKnowledge(dir_.string(), REDFLAG_TEST_CACHE);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_THAT(problems[0], ::testing::HasSubstr("does not match its example \"tell no one\""));
  EXPECT_THAT(problems[1], ::testing::HasSubstr("matches its counter-example \"keep it secret\""));
}

// kb lint tells a person to wait when the patterns compile (on a terminal), and only then.
TEST_F(BrokenKnowledge, LintSaysWhenItCompilesRatherThanLoads) {
  KeepOnlyTheCore();
  Write("signals/en/secrecy.yaml",
        "flag: secrecy\nlang: en\npatterns:\n  - id: en.secrecy.between_us\n    regex: 'between (you and "
        "me|us)'\n"
        "    examples: {match: ['keep it between us'], no_match: ['between 5 and 6']}\n"
        "sources: [{url: 'https://x', title: t}]\nlast_reviewed: 2026-11-22\n");
  std::string cache = dir_.string() + "-cache";  // beside the knowledge folder, not in it
  fs::remove_all(cache);
  int notices = 0;
  EXPECT_TRUE(LintKnowledge(dir_.string(), cache, [&] { ++notices; }).empty());
  EXPECT_EQ(notices, 1);
  EXPECT_TRUE(LintKnowledge(dir_.string(), cache, [&] { ++notices; }).empty());
  EXPECT_EQ(notices, 1);  // loaded from the cache
  fs::remove_all(cache);
}

}  // namespace
}  // namespace redflag
