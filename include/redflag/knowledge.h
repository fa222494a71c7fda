// File: knowledge.h
// KnowledgeBase: brands, scams, countries, red-flag lexicons and texts, loaded
// from the YAML files of knowledge/ (see knowledge/README.md). Immutable once
// loaded; share it across threads.
//
//   auto kb = redflag::LoadEmbeddedKnowledge();        // compiled into the binary
//   auto kb = redflag::LoadKnowledgeDir("my/knowledge"); // or another copy
//   if (!kb.ok()) std::cerr << kb.status().ToString();  // names file:line and the reason
#ifndef REDFLAG_KNOWLEDGE_H_
#define REDFLAG_KNOWLEDGE_H_

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "redflag/status.h"

namespace redflag {

// Text for people, in one or more languages; English is always present.
struct LocalizedText {
  std::map<std::string, std::string> by_lang;
  // The text in `lang`, else in the language without region ("ur" for "ur-Latn"), else English.
  const std::string& Get(const std::string& lang) const;
};

struct Source {
  std::string url, title;
};

// Where a fact came from in the knowledge files: "brands/binance.yaml:12".
struct Origin {
  std::string file;
  int line = 0;
  std::string ToString() const { return file + ":" + std::to_string(line); }
};

struct Statement {
  std::string text, source;
};

struct ReportingContact {
  LocalizedText name;  // an organisation's own name stays as it is; "Your bank" is translated
  LocalizedText what;
  std::string url, phone, email, sms;
};

struct Brand {
  std::string id, name, parent, category;
  std::vector<std::string> aliases;
  std::vector<std::string> web_domains, email_domains;
  // The brand's mail service for its customers (att.net): anyone with an account writes from it, so an
  // address or link there is neither the brand's own nor an imitation of it.
  std::vector<std::string> mailbox_domains;
  std::vector<std::string> phones, short_codes;
  std::map<std::string, std::vector<std::string>> handles;  // platform -> handles (lower case)
  std::vector<std::string> channels_used, channels_never;
  std::vector<std::string> never_asks_for;
  std::vector<Statement> statements;
  std::string verify_tool_name, verify_tool_url;
  std::vector<std::string> support;
  std::vector<ReportingContact> report;
  std::vector<Source> sources;
  std::string last_reviewed;
  Origin origin;
};

struct ScamRule {
  std::vector<std::string> all, any, brands, channels;
  std::vector<std::string>
      brand_categories;  // or a brand of one of these categories (bank, courier, ...) is named
};

struct FaqEntry {
  LocalizedText question, answer;
};

struct Scam {
  std::string id;
  LocalizedText name, family;  // a text, or a map of language to text
  LocalizedText summary;
  std::vector<LocalizedText> how_it_works, red_flags;
  std::vector<std::string> brands, channels;
  ScamRule match;
  std::vector<ScamRule> also_match;  // other ways the engine names this scam; any one rule is enough
  // Tried only when no scam's match or also_match holds: what a warned message is about (a mailbox, a bank
  // account, a parcel) names the scam it most resembles.
  std::vector<ScamRule> fallback_match;
  std::vector<const ScamRule*> Rules() const {  // match, then also_match
    std::vector<const ScamRule*> rules{&match};
    for (const ScamRule& r : also_match) rules.push_back(&r);
    return rules;
  }
  // stage -> advice items; stages: before_replying, replied, shared_code, installed, paid
  std::map<std::string, std::vector<LocalizedText>> advice;
  std::vector<FaqEntry> faq;
  std::vector<Source> sources;
  std::string last_reviewed;
  Origin origin;
};

struct Country {
  std::string code, name;
  // An internal signal (flags.yaml) that marks a message as written in this country ("£1.50/wk" in
  // a text): with no --country given, its numbers written the national way are read as this
  // country's, so that a premium-rate "09061 209467" is seen for what it is. "" = none.
  std::string number_hint;
  std::vector<ReportingContact> report;
  std::vector<Source> sources;
  std::string last_reviewed;
  Origin origin;
};

struct FlagInfo {
  std::string id, severity;
  double weight = 0;
  bool shown = true;
  // The flag's phrase is about a link ("not you? visit <link>"): it is dropped when every link its
  // evidence touches is official, as in a genuine notice that sends you to reportaproblem.apple.com.
  bool needs_unofficial_link = false;
  // A push to act ("send the code", "pay now", "within 24 hours"): with it, a brand the message names is a
  // brand it speaks for, not ordinary text about one.
  bool push = false;
  // It sends the reader to fix or pay something ("update your address at <link>"): with a brand named, any
  // link that is not the brand's own is link_not_official.
  bool wants_brand_link = false;
};

struct SignalExamples {
  std::vector<std::string> match, no_match;
};

struct SignalPattern {
  std::string id, flag, lang, regex;
  double weight = 1;
  bool exception = false;  // an exception drops the flag's matches it overlaps
  SignalExamples examples;
  Origin origin;
};

struct Thresholds {
  int suspicious = 35, scam = 70;
};

// How the trained model's opinion enters a verdict (policy.yaml `model`).
struct ModelPolicy {
  int evidence_words = 3;             // the words that pushed hardest, quoted as evidence
  bool code_notice_needs_scam = true; // a genuine-looking code notice: only a sure model counts
  bool official_sender_needs_scam = true;  // sent from a brand's official address: the same
  bool official_contacts_silence = true;   // only a brand's own links and numbers: no model flag
};

// A combination of flags that makes a message a scam (or at least suspicious) whatever its score.
struct ScamCombination {
  std::vector<std::string> all, any;
  // Each flag of `all` at least this strong: a weak hint ("Hi mum") is not the story.
  double min_strength = 0;
};

struct UiTexts {
  std::string lang, direction = "ltr", name;
  std::map<std::string, std::string> verdicts, headings, contact_verdicts, lookalike_how, severity,
      channels;
  std::map<std::string, std::pair<std::string, std::string>> flags;  // id -> (title, explanation)
  // The short notes beside a red flag's evidence ("not an official {brand} address").
  std::map<std::string, std::string> evidence_notes;
  // What `verify --brand B --channel C` says: never, uses, unknown, official, check_with, last_reviewed.
  std::map<std::string, std::string> channel_facts;
  // Conversations: stage names (trust, problem, request, isolation, pressure) and
  // the texts of the conversation report (roles, the turn, headings).
  std::map<std::string, std::string> stages, conversation;
};

// `text` with every `placeholder` ("{brand}") replaced by `value`.
std::string FillIn(std::string text, std::string_view placeholder, std::string_view value);

struct GenericAdvice {
  std::vector<LocalizedText> protect, recover, report, code_delivery;
};

// Languages in Latin letters that CLD2 cannot name (languages.yaml): Roman Urdu, Hinglish.
struct RomanizedLanguages {
  struct Language {
    std::string lang;                    // "ur-Latn"
    std::vector<std::string> countries;  // where a text with as many of each language's words is taken for it
    std::set<std::string> words;         // its own words, not the other's ("hy", "krain")
  };
  std::vector<Language> languages;     // the first wins a tie without a country
  std::set<std::string> common_words;  // the words they share ("hai", "ka", "ko", "aap")
  size_t min_words = 3;                // different words of theirs a text must hold
  double min_share = 0.2;              // of its words
};

struct KnowledgeBase {
  std::vector<FlagInfo> flags;
  std::vector<Brand> brands;
  std::vector<Scam> scams;
  std::vector<Country> countries;
  std::vector<SignalPattern> signals;
  std::map<std::string, UiTexts> ui;  // lang -> texts
  GenericAdvice advice;
  Thresholds thresholds;
  std::vector<ScamCombination> scam_combinations;
  std::vector<ScamCombination> suspicious_combinations;  // at least suspicious, whatever the risk adds up to
  ModelPolicy model;
  // Words that make the brand right after them the channel a message came by,
  // not who speaks ("Binance Support on WhatsApp"); lower case, every language.
  std::set<std::string> channel_words;
  // Official names that are everyday words too ("apple" pie, the "amazon" rainforest, "meta"-analysis): in
  // someone else's domain or user name they imitate the brand only beside one of `lookalike_words`.
  std::set<std::string> everyday_names, lookalike_words;
  // Public link shorteners (bit.ly): a short link says nothing of who made it, so campaigns join messages by
  // the whole link, never by the shortener. Lower-case registrable domains.
  std::set<std::string> link_shorteners;
  // Links on an app's own domain that open what anyone can make (policy.yaml shared_links): a chat
  // (wa.me/<number>, t.me/<name>) or a profile (instagram.com/<name>) is judged as the number or
  // account it opens, not as the app's own website; a group invitation or a page (a Google form, a
  // Google site) names no one and is unknown.
  struct SharedLink {
    std::string domain;  // a host (chat.whatsapp.com) or a registrable domain (wa.me)
    std::string opens;   // "phone" | "handle" | "group" | "page" | "profile"
    std::string platform;
    // For profiles, where the account's name is in the path: after `under` (paypal.com/paypalme/<name>),
    // or as the first part, behind `prefix` when given (tiktok.com/@<name>). For profiles and handles, a
    // first part in `own` is the app's own page (instagram.com/accounts/..., t.me/login/...); one in
    // `pages` opens a post, group or page anyone can make (facebook.com/groups/..., t.me/joinchat/...).
    std::string under, prefix;
    std::vector<std::string> own, pages;
  };
  std::vector<SharedLink> shared_links;
  RomanizedLanguages romanized;
  // The shared link for this host ("chat.whatsapp.com"), for it without "www." or "m.", or for its
  // registrable domain ("wa.me"). Profiles are only on the app's main host: help.instagram.com is not
  // instagram.com/<name>.
  const SharedLink* FindSharedLink(const std::string& host, const std::string& registrable) const;

  const FlagInfo* FindFlag(const std::string& id) const;
  const Brand* FindBrand(const std::string& id) const;
  const Scam* FindScam(const std::string& id) const;
  const Country* FindCountry(const std::string& code) const;  // any case
  const UiTexts& Ui(const std::string& lang) const;            // falls back to English
  // An evidence note's text in `lang`, else in English, else its key.
  std::string EvidenceNote(const std::string& lang, const std::string& key) const;
  // Any keyed interface text in `lang`, else in English, else its key
  // (UiText(lang, &UiTexts::headings, "report")).
  using UiTextMap = std::map<std::string, std::string> UiTexts::*;
  std::string UiText(const std::string& lang, UiTextMap texts, const std::string& key) const;
};

// Loads the knowledge base compiled into the binary.
StatusOr<std::shared_ptr<const KnowledgeBase>> LoadEmbeddedKnowledge();

// Loads every file below `dir`. The first problem found is returned as a
// kKnowledgeError naming "file:line: reason".
StatusOr<std::shared_ptr<const KnowledgeBase>> LoadKnowledgeDir(const std::string& dir);

// Checks a knowledge folder ("" = the embedded one) and returns every problem
// found, one "file:line: reason" each; empty when the knowledge base is sound.
// Beyond loading, it compiles every pattern and runs every example.
// `cache_dir`: where compiled patterns may be kept; `on_compiling`: called once if
// they are compiled rather than loaded (see AnalyzerOptions).
std::vector<std::string> LintKnowledge(const std::string& dir, const std::string& cache_dir = "",
                                       const std::function<void()>& on_compiling = {});

}  // namespace redflag

#endif  // REDFLAG_KNOWLEDGE_H_
