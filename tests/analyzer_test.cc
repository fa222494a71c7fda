#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "report/report_json.h"
#include "test_support.h"

namespace redflag {
namespace {

TEST(Analyzer, RefusesBadInputWithAReason) {
  const Analyzer& a = testing::BuiltInAnalyzer();
  Message empty;
  auto r = a.Analyze(empty);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "the message is empty");
  Message bad;
  bad.text = "hello \xc3\x28 world";
  r = a.Analyze(bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "text: invalid UTF-8 at byte 6");
  Message binary;
  binary.text = std::string("PK\x03\x04\0\0", 6);
  EXPECT_FALSE(a.Analyze(binary).ok());
}

TEST(Analyzer, SizeLimitIsConfigurable) {
  auto kb = LoadEmbeddedKnowledge();
  ASSERT_OK(kb);
  AnalyzerOptions options;
  options.max_message_bytes = 100;
  options.cache_dir = REDFLAG_TEST_CACHE;
  auto a = Analyzer::Create(*kb, options);
  ASSERT_OK(a);
  Message m;
  m.text = std::string(101, 'a');
  auto r = (*a)->Analyze(m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kTooLarge);
  m.text = std::string(100, 'a');
  EXPECT_TRUE((*a)->Analyze(m).ok());
}

// Span finders compiled at start (as scan does) or on first use: the same reports.
TEST(Analyzer, SpanFindersCompiledAtStartGiveTheSameReports) {
  auto kb = LoadEmbeddedKnowledge();
  ASSERT_OK(kb);
  AnalyzerOptions options;
  options.cache_dir = REDFLAG_TEST_CACHE;
  options.span_compile_threads = 2;
  auto eager = Analyzer::Create(*kb, options);
  ASSERT_OK(eager);
  for (const char* text :
       {"Hi mum, I lost my phone, this is my new number. Can you send me the 6-digit code "
        "WhatsApp just texted you? Keep it between us, it's urgent.",
        "USPS: your parcel is on hold, pay the $1.99 redelivery fee at https://usps-redeliver.top/pay",
        "See you at 7 for dinner?"}) {
    Message m;
    m.text = text;
    auto lazy_report = testing::BuiltInAnalyzer().Analyze(m);
    auto eager_report = (*eager)->Analyze(m);
    ASSERT_OK(lazy_report);
    ASSERT_OK(eager_report);
    EXPECT_EQ(ReportJson(*eager_report, false), ReportJson(*lazy_report, false)) << text;
  }
}

TEST(Analyzer, ExplainsInTheMessageLanguage) {
  Message m;
  m.text = "Bonjour, c'est urgent : envoyez-moi le code que vous avez reçu par SMS.";
  auto r = testing::BuiltInAnalyzer().Analyze(m);
  ASSERT_OK(r);
  EXPECT_EQ(r->language, "fr");
  EXPECT_EQ(r->ui_language, "fr");
  ASSERT_FALSE(r->red_flags.empty());
  m.lang = "en";
  auto en = testing::BuiltInAnalyzer().Analyze(m);
  ASSERT_OK(en);
  EXPECT_EQ(en->ui_language, "en");
  EXPECT_NE(en->red_flags.front().title, r->red_flags.front().title);
}

// CLD2 takes Roman Urdu and Hinglish for English or guesses ("gl"): languages.yaml's words name them, and
// the explanations come in the script-less parent language.
TEST(Analyzer, NamesRomanUrduAndHinglish) {
  auto language = [](const std::string& text, const std::string& country = "") {
    Message m;
    m.text = text;
    m.country = country;
    auto r = testing::BuiltInAnalyzer().Analyze(m);
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->language + " " + r->ui_language : "";
  };
  EXPECT_EQ(language("aap ke number par 6 digit code bheja hai, meharbani kar ke wo code mujhe bhej dein"),
            "ur-Latn ur");
  EXPECT_EQ(language("kripya apna OTP kisi ke saath share na karein, dhanyavad"), "hi-Latn hi");
  // Only words both share: the country decides, else the first listed (ur-Latn).
  const std::string shared = "bhai mera phone kharab ho gaya hai, naya number hai, kuch paise bhej do jaldi";
  EXPECT_EQ(language(shared, "IN"), "hi-Latn hi");
  EXPECT_EQ(language(shared, "PK"), "ur-Latn ur");
  EXPECT_EQ(language(shared), "ur-Latn ur");
  // English with a word or two of theirs, and a language CLD2 knows well, stay as they are.
  EXPECT_EQ(language("Ho ho ho! Merry Christmas to the whole team, see you at the party tonight"), "en en");
  EXPECT_EQ(language("Mein Handy ist kaputt, bitte schick mir dein Passwort und den Code per SMS"), "de de");
  Message m;
  m.text = "aap ke number par 6 digit code bheja hai, meharbani kar ke wo code mujhe bhej dein";
  m.lang = "en";
  auto en = testing::BuiltInAnalyzer().Analyze(m);
  ASSERT_OK(en);
  EXPECT_EQ(en->ui_language, "en");
}

// On the corpus's dev split: most of TextShield's rows the corpus hints as Roman Urdu are named so, and no
// genuine message of an English-only data set is.
TEST(Analyzer, RomanUrduOnTheCorpus) {
  std::ifstream in(std::string(REDFLAG_SOURCE_DIR) + "/../shared/corpus/dev.jsonl");
  if (!in) GTEST_SKIP() << "no corpus at ../shared/corpus (see README, Data)";
  int hinted = 0, named = 0, english = 0, misnamed = 0;
  for (std::string line; std::getline(in, line);) {
    auto row = nlohmann::json::parse(line);
    std::string dataset = row["dataset"], lang = row["lang"];
    bool urdu = dataset == "textshield_pk_sms" && lang == "ur-Latn";
    bool english_only =
        row["label"] == "ham" && (dataset == "uci_sms_spam" || dataset == "spamassassin_email" ||
                                  dataset == "exais_sms" || dataset == "nazario_phishing_email");
    if (!urdu && !english_only) continue;
    Message m;
    m.text = row["text"];
    auto r = testing::BuiltInAnalyzer().Analyze(m);
    ASSERT_OK(r);
    bool romanized = r->language == "ur-Latn" || r->language == "hi-Latn";
    if (urdu) ++hinted, named += romanized;
    if (english_only) ++english, misnamed += romanized;
  }
  ASSERT_GT(hinted, 50);
  EXPECT_GE(named, hinted * 6 / 10) << named << " of " << hinted;
  EXPECT_EQ(misnamed, 0) << misnamed << " of " << english << " English ham rows";
}

// The model's red flag quotes the words that pushed it, and a link that pushed it as the whole link, never
// its pieces ("https", "com", "login"), which say nothing to a reader.
TEST(Analyzer, ModelEvidenceQuotesWordsAndWholeLinksNotPiecesOfLinks) {
  Message m;
  m.channel = Channel::kEmail;
  m.from = "security@whatsapp-support-team.com";
  m.text = "Your WhatsApp Business API access is under a mandatory security review and will be suspended within "
           "24 hours. Verify your account here: https://whatsapp-business-verify.com/login";
  auto r = testing::BuiltInAnalyzer().Analyze(m);
  ASSERT_OK(r);
  const RedFlag* model = nullptr;
  for (const auto& f : r->red_flags)
    if (f.id == "scam_language") model = &f;
  ASSERT_NE(model, nullptr) << "the built-in model no longer warns about the seed's helpdesk email";
  ASSERT_FALSE(model->evidence.empty());
  const std::string link = "https://whatsapp-business-verify.com/login";
  size_t at = m.text.find(link);
  int words = 0;
  for (const auto& e : model->evidence) {
    EXPECT_EQ(m.text.substr(e.start, e.end - e.start), e.text);
    if (e.start < at) {
      EXPECT_LE(e.end, at) << e.text;
      EXPECT_EQ(e.note, "typical of scam messages") << e.text;
      ++words;
    } else {
      EXPECT_EQ(e.text, link);
      EXPECT_EQ(e.note, "a link like the links in scam messages");
    }
  }
  EXPECT_GE(words, 1);
}

// A genuine-looking text with a link whose shape the model reads as a scam's: the link leads the evidence.
TEST(Analyzer, ModelEvidenceQuotesTheLinkThatPushedMost) {
  Message m;
  m.channel = Channel::kSms;
  m.text = "Grab your new incentive here vx7.top/Leye1E";
  auto r = testing::BuiltInAnalyzer().Analyze(m);
  ASSERT_OK(r);
  const RedFlag* model = nullptr;
  for (const auto& f : r->red_flags)
    if (f.id == "scam_language") model = &f;
  ASSERT_NE(model, nullptr);
  ASSERT_FALSE(model->evidence.empty());
  EXPECT_EQ(model->evidence.front().text, "vx7.top/Leye1E");
}

// A genuine notice whose only link is the brand's own reads like phishing to the model; that link leads to
// the brand, so the model stays silent. A link that carries another address, a broken link the extractor
// could not read, or pasted mail without an official sender leave the model its say.
TEST(Analyzer, OnlyOfficialLinksSilenceTheModel) {
  auto kb = LoadEmbeddedKnowledge();
  ASSERT_OK(kb);
  auto policy_off = std::make_shared<KnowledgeBase>(**kb);
  policy_off->model.official_contacts_silence = false;
  AnalyzerOptions options;
  options.cache_dir = REDFLAG_TEST_CACHE;
  auto without = Analyzer::Create(policy_off, options);
  ASSERT_OK(without);
  const Analyzer& with = testing::BuiltInAnalyzer();
  auto model_flag = [](const Analyzer& a, const std::string& text, Channel channel, const std::string& from) {
    Message m;
    m.text = text;
    m.channel = channel;
    m.from = from;
    auto r = a.Analyze(m);
    EXPECT_TRUE(r.ok());
    return r.ok() &&
           ::testing::Matches(::testing::Contains(std::string("scam_language")))(testing::FlagIds(*r));
  };
  const std::string notice =
      "Amazon: We noticed unusual activity on your account. Your order of an Echo Dot is on hold. Review it "
      "at ";
  const std::string official = "https://www.amazon.com/gp/your-account/order-history";
  ASSERT_TRUE(model_flag(**without, notice + official, Channel::kSms, ""));  // the model alone would warn
  EXPECT_FALSE(model_flag(with, notice + official, Channel::kSms, ""));
  for (const std::string& text : {notice + "https://www.amazon.com/gp/r.html?u=https://amzn-track.top/x",
                                  notice + official + " or http //amzn-track.top/x"}) {
    ASSERT_TRUE(model_flag(**without, text, Channel::kSms, "")) << text;
    EXPECT_TRUE(model_flag(with, text, Channel::kSms, "")) << text;
  }
  const std::string mail =
      "We noticed unusual activity: you sent a payment of 250.00 USD to John Smith. If you did not authorize "
      "this payment, review it in your PayPal account: https://www.paypal.com/myaccount/transactions";
  ASSERT_TRUE(model_flag(**without, mail, Channel::kEmail, "service@paypal.com"));
  EXPECT_FALSE(model_flag(with, mail, Channel::kEmail, "service@paypal.com"));
  EXPECT_TRUE(model_flag(with, mail, Channel::kEmail, ""));  // pasted mail may hide where its link goes
}

// A threat beside a link that is not a brand's own makes a text suspicious by the rules alone (policy.yaml:
// threat + the engine's unknown_link); an official link, or mail, leaves the threat on its own.
TEST(Analyzer, AThreatBesideAnUnknownLinkIsSuspiciousInATextOnly) {
  auto kb = LoadEmbeddedKnowledge();
  ASSERT_OK(kb);
  AnalyzerOptions options;
  options.use_model = false;
  options.cache_dir = REDFLAG_TEST_CACHE;
  auto rules = Analyzer::Create(*kb, options);
  ASSERT_OK(rules);
  auto verdict = [&](const std::string& text, Channel channel) {
    Message m;
    m.text = text;
    m.channel = channel;
    if (channel == Channel::kEmail) m.subject = "Notice";
    auto r = (*rules)->Analyze(m);
    EXPECT_TRUE(r.ok());
    EXPECT_THAT(testing::FlagIds(*r), ::testing::Contains(std::string("threat"))) << text;
    EXPECT_THAT(testing::FlagIds(*r), ::testing::Not(::testing::Contains(std::string("unknown_link"))));
    return r.ok() ? r->verdict : Verdict::kScam;
  };
  const std::string threat = "Your card has been disabled. Re-enable it at ";
  EXPECT_EQ(verdict(threat + "https://card-reactivate.top/a", Channel::kSms), Verdict::kSuspicious);
  EXPECT_EQ(verdict(threat + "https://www.paypal.com/myaccount", Channel::kSms), Verdict::kNoRedFlags);
  EXPECT_EQ(verdict(threat + "https://card-reactivate.top/a", Channel::kEmail), Verdict::kNoRedFlags);
}

// A code notice gets its own advice ("this looks like a real code notice") only when nothing else was
// noticed; beside a weak sign the reader gets the generic advice, not a reassurance.
TEST(Analyzer, CodeNoticeAdviceOnlyWithoutWeakSigns) {
  const KnowledgeBase& kb = testing::BuiltInAnalyzer().knowledge();
  ASSERT_FALSE(kb.advice.code_delivery.empty());
  const std::string reassurance = kb.advice.code_delivery.front().Get("en");
  Message m;
  m.text = "Your WhatsApp code: 123-456. Don't share this code with others";
  auto plain = testing::BuiltInAnalyzer().Analyze(m);
  ASSERT_OK(plain);
  EXPECT_EQ(plain->verdict, Verdict::kNoRedFlags);
  ASSERT_FALSE(plain->advice.protect.empty());
  EXPECT_EQ(plain->advice.protect.front().text, reassurance);

  m.text = "Your code is 482913. Your account will be suspended";
  auto weak = testing::BuiltInAnalyzer().Analyze(m);
  ASSERT_OK(weak);
  EXPECT_EQ(weak->verdict, Verdict::kNoRedFlags);
  ASSERT_FALSE(weak->red_flags.empty());  // a weak threat, listed below the threshold
  for (const auto& item : weak->advice.protect) EXPECT_NE(item.text, reassurance);
  ASSERT_FALSE(weak->advice.protect.empty());
  EXPECT_EQ(weak->advice.protect.front().text, kb.advice.protect.front().Get("en"));
}

// Generic advice (no known scam matched) is in the reader's language where the
// knowledge base words it (knowledge/advice.yaml), else in English.
TEST(Analyzer, GenericAdviceInTheReadersLanguage) {
  Message m;
  m.text = "Please confirm your password today.";
  m.lang = "fr";
  auto fr = testing::BuiltInAnalyzer().Analyze(m);
  ASSERT_OK(fr);
  ASSERT_FALSE(fr->advice.protect.empty());
  m.lang = "en";
  auto en = testing::BuiltInAnalyzer().Analyze(m);
  ASSERT_OK(en);
  ASSERT_FALSE(en->advice.protect.empty());
  EXPECT_EQ(en->advice.protect.front().text.rfind("Stop.", 0), 0u) << en->advice.protect.front().text;
  EXPECT_EQ(fr->advice.protect.front().text.rfind("Arrêtez-vous.", 0), 0u) << fr->advice.protect.front().text;
  const KnowledgeBase& kb = testing::BuiltInAnalyzer().knowledge();
  ASSERT_FALSE(kb.advice.protect.empty());
  for (const char* lang : {"ur", "hi", "ar"}) {
    m.lang = lang;
    auto r = testing::BuiltInAnalyzer().Analyze(m);
    ASSERT_OK(r);
    ASSERT_FALSE(r->advice.protect.empty()) << lang;
    EXPECT_EQ(r->advice.protect.front().text, kb.advice.protect.front().Get(lang)) << lang;
    EXPECT_NE(r->advice.protect.front().text, en->advice.protect.front().text) << lang;
  }
  m.lang = "id";  // Indonesian has no UI texts and no advice: English
  auto id = testing::BuiltInAnalyzer().Analyze(m);
  ASSERT_OK(id);
  ASSERT_FALSE(id->advice.protect.empty());
  EXPECT_EQ(id->advice.protect.front().text, en->advice.protect.front().text);
}

// Where to report, in the reader's language: what each contact does, and a name
// that is a description ("Your bank"); an organisation's own name stays as it is.
TEST(Analyzer, ReportingContactsInTheReadersLanguage) {
  Message m;
  m.text = "Hi, sorry, I sent you a 6-digit code by mistake, can you send it to me? It's urgent";
  m.country = "GB";
  m.lang = "fr";
  auto r = testing::BuiltInAnalyzer().Analyze(m);
  ASSERT_OK(r);
  const Country* gb = testing::BuiltInAnalyzer().knowledge().FindCountry("GB");
  ASSERT_NE(gb, nullptr);
  ASSERT_EQ(r->advice.report.size(), gb->report.size());
  bool translated_name = false;
  for (size_t i = 0; i < gb->report.size(); ++i) {
    EXPECT_EQ(r->advice.report[i].what, gb->report[i].what.Get("fr"));
    EXPECT_NE(r->advice.report[i].what, gb->report[i].what.Get("en"));
    EXPECT_EQ(r->advice.report[i].name, gb->report[i].name.Get("fr"));
    translated_name |= r->advice.report[i].name == "Signaler un SMS frauduleux (7726)";
  }
  EXPECT_TRUE(translated_name);
  EXPECT_EQ(r->advice.report.front().name, "Report Fraud (formerly Action Fraud)");
}

// "Binance Support on WhatsApp": WhatsApp is the channel it came by, not who speaks
// (policy.yaml channel_words); WhatsApp's own support is still a claim.
TEST(Analyzer, ABrandNamedAsTheChannelIsNotClaimed) {
  auto how = [](const std::string& text, const std::string& brand) {
    Message m;
    m.text = text;
    auto r = testing::BuiltInAnalyzer().Analyze(m);
    EXPECT_TRUE(r.ok());
    for (const auto& b : r->brands)
      if (b.id == brand) return b.how;
    return std::string("absent");
  };
  const std::string text = "Hello, this is Binance Support on WhatsApp. Send us your 2FA code now.";
  EXPECT_EQ(how(text, "binance"), "claimed");
  EXPECT_EQ(how(text, "whatsapp"), "mentioned");
  const std::string fr = "Bonjour, ici le service client Binance sur WhatsApp. Envoyez-nous le code.";
  EXPECT_EQ(how(fr, "binance"), "claimed");
  EXPECT_EQ(how(fr, "whatsapp"), "mentioned");
  EXPECT_EQ(how("This is WhatsApp Support. Send us the 6-digit code now.", "whatsapp"), "claimed");
}

// A lexicon's evidence is the words, not the spaces and commas its pattern's edges took in.
// A matched scam's own advice too, for the scams translated so far.
TEST(Analyzer, ScamAdviceInTheReadersLanguage) {
  Message m;
  m.text = "Hi, sorry, I sent you a 6-digit code by mistake, can you send it to me? It's urgent";
  for (const char* lang : {"en", "fr", "es", "it", "pt", "de", "ur", "hi", "ar"}) {
    m.lang = lang;
    auto r = testing::BuiltInAnalyzer().Analyze(m);
    ASSERT_OK(r);
    ASSERT_FALSE(r->scams.empty());
    EXPECT_EQ(r->scams.front().id, "registration_code_theft");
    const Scam* named = testing::BuiltInAnalyzer().knowledge().FindScam("registration_code_theft");
    ASSERT_NE(named, nullptr);
    EXPECT_EQ(r->scams.front().name, named->name.Get(lang));
    EXPECT_EQ(r->scams.front().family, named->family.Get(lang));
    if (std::string(lang) != "en") {
      EXPECT_NE(r->scams.front().name, named->name.Get("en")) << lang;
    }
    ASSERT_FALSE(r->advice.protect.empty());
    const std::string& first = r->advice.protect.front().text;
    const KnowledgeBase& kb = testing::BuiltInAnalyzer().knowledge();
    const Scam* scam = kb.FindScam("registration_code_theft");
    ASSERT_NE(scam, nullptr);
    ASSERT_TRUE(scam->advice.count("before_replying"));
    const LocalizedText& expected = scam->advice.at("before_replying").front();
    EXPECT_EQ(first, expected.Get(lang)) << lang;
    if (std::string(lang) != "en") {
      EXPECT_NE(first, expected.Get("en")) << lang;
    }
  }
}

TEST(Analyzer, EvidenceQuotesWordsWithoutEdgeSpaces) {
  for (const char* text :
       {"Hallo, schicken Sie mir bitte den Code, den Sie per SMS bekommen haben",
        "Hi, sorry, I sent you a 6-digit code by mistake, can you send it to me? It's urgent"}) {
    Message m;
    m.text = text;
    auto r = testing::BuiltInAnalyzer().Analyze(m);
    ASSERT_OK(r);
    ASSERT_FALSE(r->red_flags.empty()) << text;
    for (const auto& f : r->red_flags)
      for (const auto& e : f.evidence) {
        ASSERT_FALSE(e.text.empty()) << f.id;
        EXPECT_EQ(std::string(" \t,;:.!?").find(e.text.front()), std::string::npos)
            << f.id << ": '" << e.text << "'";
        EXPECT_EQ(std::string(" \t,;:.!?").find(e.text.back()), std::string::npos)
            << f.id << ": '" << e.text << "'";
        EXPECT_EQ(m.text.substr(e.start, e.end - e.start), e.text);
      }
  }
}

// A phrase pattern needs only the start of a link ("cancel at https"); its evidence quotes the whole link.
TEST(Analyzer, EvidenceEndingInsideALinkQuotesAllOfIt) {
  Message m;
  m.text =
      "A payment of $950.00 to Mark T. is pending. If you did not authorize this, cancel at "
      "https://pay-cancel.example.top/r/8812 today";
  auto r = testing::BuiltInAnalyzer().Analyze(m);
  ASSERT_OK(r);
  bool found = false;
  for (const auto& f : r->red_flags)
    if (f.id == "charge_link") {
      found = true;
      ASSERT_EQ(f.evidence.size(), 1u);
      EXPECT_EQ(f.evidence[0].text,
                "If you did not authorize this, cancel at https://pay-cancel.example.top/r/8812");
    }
  EXPECT_TRUE(found);
}

// A probability given from outside (eval --scores) judges instead of the model's own score; the words quoted
// are still the model's.
TEST(Analyzer, AGivenModelProbabilityJudges) {
  Message m;
  m.text = "see you at lunch tomorrow";
  const Analyzer& a = testing::BuiltInAnalyzer();
  auto own = a.Analyze(m);
  ASSERT_OK(own);
  EXPECT_EQ(own->verdict, Verdict::kNoRedFlags);
  auto sure = a.AnalyzeWithModelProbability(m, 0.99999);
  ASSERT_OK(sure);
  EXPECT_EQ(sure->verdict, Verdict::kScam);
  ASSERT_EQ(sure->red_flags.size(), 1u);
  EXPECT_EQ(sure->red_flags[0].id, "scam_language");
  EXPECT_FALSE(sure->red_flags[0].evidence.empty());
  auto none = a.AnalyzeWithModelProbability(m, 0.0);
  ASSERT_OK(none);
  EXPECT_EQ(none->verdict, Verdict::kNoRedFlags);
  EXPECT_EQ(a.AnalyzeWithModelProbability(m, 1.5).status().code(), StatusCode::kInvalidArgument);
}

// "updated.It is mandatory": case is folded before contacts are read, so the report's contacts are where a
// sentence's full stop with no space after it is told from a domain ("it" and "to" are suffixes too).
TEST(Analyzer, SentencesJoinedAtAFullStopAreNoLink) {
  Message m;
  m.text =
      "Your account is updated.It is mandatory to minimize errors.To avoid this see Amazon.Com or evil.top";
  auto r = testing::BuiltInAnalyzer().Analyze(m);
  ASSERT_OK(r);
  std::vector<std::string> values;
  for (const auto& c : r->contacts) values.push_back(c.value);
  EXPECT_THAT(values, ::testing::ElementsAre("Amazon.Com", "evil.top"));
}

// A look-alike link makes the claim; the brand's name in the text is where the reader sees it.
TEST(Analyzer, ALookalikeLinksClaimQuotesTheNameToo) {
  Message m;
  m.text = "PayPal: your account is on hold. Verify your identity now at https://paypal-verify.example.top/x";
  auto r = testing::BuiltInAnalyzer().Analyze(m);
  ASSERT_OK(r);
  std::vector<std::string> quoted;
  for (const auto& f : r->red_flags)
    if (f.id == "brand_impersonation")
      for (const auto& e : f.evidence) quoted.push_back(e.text);
  EXPECT_THAT(quoted, ::testing::ElementsAre("PayPal", "https://paypal-verify.example.top/x"));
}

// An everyday word that is a brand's name, or one letter from it, in a message that does not name the brand
// is someone else's: the contact list says unknown, as `verify` does, not "looks like Apple".
TEST(Analyzer, AnEverydayNameInAContactNamesNoOneUnlessTheMessageDoes) {
  auto verdict = [](const std::string& text) {
    Message m;
    m.text = text;
    auto r = testing::BuiltInAnalyzer().Analyze(m);
    EXPECT_TRUE(r.ok());
    return r.ok() && r->contacts.size() == 1 ? r->contacts[0].verdict : "";
  };
  EXPECT_EQ(verdict("Fresh pies today at https://apple-pie-bakery.com/menu"), "unknown");
  EXPECT_EQ(verdict("New posters in the gallery: https://posts.com/gallery"), "unknown");
  EXPECT_EQ(verdict("Apple: your Apple ID is locked, unlock it at https://apple-pie-bakery.com/menu"),
            "lookalike");
  EXPECT_EQ(verdict("Poste Italiane: il pacco è in giacenza, paga su https://posts.com/pacco"), "lookalike");
}

TEST(Analyzer, CountryChoosesWhereToReport) {
  Message m;
  m.text = "I sent you a code by mistake, please send it back quickly";
  m.country = "PK";
  auto pk = testing::BuiltInAnalyzer().Analyze(m);
  m.country = "GB";
  auto gb = testing::BuiltInAnalyzer().Analyze(m);
  ASSERT_OK(pk);
  ASSERT_OK(gb);
  ASSERT_FALSE(pk->advice.report.empty());
  ASSERT_FALSE(gb->advice.report.empty());
  EXPECT_NE(pk->advice.report.front().name, gb->advice.report.front().name);
}

TEST(Analyzer, SameAnswerFromManyThreads) {
  const Analyzer& a = testing::BuiltInAnalyzer();
  Message m;
  m.text = "Your Binance account is locked. Send your 2FA code to unlock it within 1 hour.";
  m.channel = Channel::kWhatsApp;
  auto expected = a.Analyze(m);
  ASSERT_OK(expected);
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        auto r = a.Analyze(m);
        if (!r.ok() || r->risk != expected->risk || r->red_flags.size() != expected->red_flags.size()) ++mismatches;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace redflag
