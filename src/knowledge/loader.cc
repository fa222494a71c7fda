// The YAML schema is documented in knowledge/README.md; this file enforces it file by file (the checks
// that need every file are in cross_check.cc).
#include "knowledge/loader.h"

#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "knowledge/cross_check.h"
#include "text/normalize.h"

namespace redflag {
namespace {

const std::set<std::string> kChannels = {"sms", "whatsapp", "telegram", "email", "call", "web", "app",
                                         "x", "instagram", "facebook", "signal", "post", "other", "tiktok"};
const std::set<std::string> kLanguages = {"en", "fr", "it", "es", "pt", "de", "ar", "id", "zh", "ja", "ko",
                                          "hi", "ur", "ur-Latn", "hi-Latn"};
const std::set<std::string> kAdviceStages = {"before_replying", "replied", "shared_code", "installed", "paid"};

// A problem in one file; thrown inside the loader only, caught per file.
struct FileProblem {
  std::string message;
};

class Reader {
 public:
  explicit Reader(const std::string& file) : file_(file) {}

  [[noreturn]] void Fail(const YAML::Node& at, const std::string& reason) const {
    int line = at.IsDefined() ? at.Mark().line + 1 : 0;
    throw FileProblem{file_ + ":" + std::to_string(std::max(line, 1)) + ": " + reason};
  }
  Origin OriginOf(const YAML::Node& at) const { return {file_, at.Mark().line + 1}; }

  YAML::Node Required(const YAML::Node& map, const std::string& key) const {
    YAML::Node value = map[key];
    if (!value.IsDefined() || value.IsNull()) Fail(map, "missing '" + key + "'");
    return value;
  }
  // A list under `key` that must be there: `for (x : map[key])` over a map or a
  // scalar would throw yaml-cpp's "invalid node" without a line.
  YAML::Node RequiredList(const YAML::Node& map, const std::string& key) const {
    YAML::Node list = Required(map, key);
    if (!list.IsSequence()) Fail(list, "'" + key + "' must be a list");
    return list;
  }
  std::string String(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar()) Fail(node, what + " must be a string");
    return node.as<std::string>();
  }
  std::string RequiredString(const YAML::Node& map, const std::string& key) const {
    return String(Required(map, key), "'" + key + "'");
  }
  std::string OptionalString(const YAML::Node& map, const std::string& key) const {
    YAML::Node value = map[key];
    if (!value.IsDefined() || value.IsNull()) return "";
    return String(value, "'" + key + "'");
  }
  std::vector<std::string> Strings(const YAML::Node& map, const std::string& key) const {
    std::vector<std::string> out;
    YAML::Node list = map[key];
    if (!list.IsDefined() || list.IsNull()) return out;
    if (!list.IsSequence()) Fail(list, "'" + key + "' must be a list");
    for (const auto& item : list) out.push_back(String(item, "an item of '" + key + "'"));
    return out;
  }
  LocalizedText Text(const YAML::Node& node, const std::string& what) const {
    LocalizedText text;
    if (node.IsScalar()) {
      text.by_lang["en"] = node.as<std::string>();
    } else if (node.IsMap()) {
      for (const auto& kv : node) {
        std::string lang = kv.first.as<std::string>();
        if (!kLanguages.count(lang)) Fail(kv.first, what + ": unknown language '" + lang + "'");
        text.by_lang[lang] = String(kv.second, what);
      }
    } else {
      Fail(node, what + " must be a text or a map of language to text");
    }
    if (!text.by_lang.count("en") || text.by_lang["en"].empty()) Fail(node, what + ": English text missing");
    return text;
  }
  std::vector<LocalizedText> Texts(const YAML::Node& map, const std::string& key) const {
    std::vector<LocalizedText> out;
    YAML::Node list = map[key];
    if (!list.IsDefined() || list.IsNull()) return out;
    if (!list.IsSequence()) Fail(list, "'" + key + "' must be a list");
    for (const auto& item : list) out.push_back(Text(item, "'" + key + "'"));
    return out;
  }
  std::vector<Source> Sources(const YAML::Node& map) const {
    YAML::Node list = Required(map, "sources");
    if (!list.IsSequence() || list.size() == 0) Fail(list, "'sources' must be a non-empty list");
    std::vector<Source> out;
    for (const auto& item : list) {
      if (!item.IsMap()) Fail(item, "a source must be {url, title}");
      out.push_back({RequiredString(item, "url"), OptionalString(item, "title")});
    }
    return out;
  }
  std::string Date(const YAML::Node& map) const {
    YAML::Node node = Required(map, "last_reviewed");
    std::string date = String(node, "'last_reviewed'");
    static const RE2 kDate(R"(\d{4}-\d{2}-\d{2})");
    if (!RE2::FullMatch(date, kDate)) Fail(node, "'last_reviewed' must be YYYY-MM-DD");
    return date;
  }
  std::string Id(const YAML::Node& map, const std::string& key = "id") const {
    YAML::Node node = Required(map, key);
    std::string id = String(node, "'" + key + "'");
    static const RE2 kId(R"([a-z0-9][a-z0-9_]*)");
    if (!RE2::FullMatch(id, kId)) Fail(node, "'" + key + "' must be lower case letters, digits and _");
    return id;
  }
  void Channels(const YAML::Node& map, const std::string& key, std::vector<std::string>* out) const {
    *out = Strings(map, key);
    for (const auto& c : *out)
      if (!kChannels.count(c)) Fail(map[key], "unknown channel '" + c + "'");
  }
  std::vector<ReportingContact> Contacts(const YAML::Node& map, const std::string& key,
                                         const std::string& text_key) const {
    std::vector<ReportingContact> out;
    YAML::Node list = map[key];
    if (!list.IsDefined() || list.IsNull()) return out;
    if (!list.IsSequence()) Fail(list, "'" + key + "' must be a list");
    for (const auto& item : list) {
      ReportingContact c;
      if (item["name"].IsDefined()) c.name = Text(item["name"], "'name'");
      if (item[text_key].IsDefined()) c.what = Text(item[text_key], "'" + text_key + "'");
      c.url = OptionalString(item, "url");
      c.phone = OptionalString(item, "phone");
      c.email = OptionalString(item, "email");
      c.sms = OptionalString(item, "sms");
      if (!c.url.empty() && c.url.rfind("https://", 0) != 0 && c.url.rfind("http://", 0) != 0)
        Fail(item, "url must start with https://");
      if (c.url.empty() && c.phone.empty() && c.email.empty() && c.sms.empty() && c.what.by_lang.empty())
        Fail(item, "a reporting entry needs a text, url, phone, email or sms");
      out.push_back(std::move(c));
    }
    return out;
  }

 private:
  const std::string& file_;
};

std::vector<std::string> LowerDomains(const Reader& r, const YAML::Node& map, const std::string& key) {
  std::vector<std::string> domains = r.Strings(map, key);
  static const RE2 kDomain(R"([a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+)");
  for (const auto& d : domains)
    if (!RE2::FullMatch(d, kDomain)) r.Fail(map[key], "'" + d + "' is not a lower-case domain");
  return domains;
}

Brand ParseBrand(const Reader& r, const YAML::Node& doc) {
  Brand b;
  b.id = r.Id(doc);
  b.name = r.RequiredString(doc, "name");
  b.parent = r.OptionalString(doc, "parent");
  b.category = r.OptionalString(doc, "category");
  b.aliases = r.Strings(doc, "aliases");
  for (auto& a : b.aliases) {
    if (a.empty()) r.Fail(doc["aliases"], "empty alias");
  }
  if (YAML::Node domains = doc["domains"]; domains.IsDefined() && !domains.IsNull()) {
    if (!domains.IsMap()) r.Fail(domains, "'domains' must map web, email and mailbox to lists");
    for (const auto& kv : domains) {  // a misspelt key would drop its domains without a word
      std::string key = kv.first.as<std::string>();
      if (key != "web" && key != "email" && key != "mailbox")
        r.Fail(kv.first, "unknown key 'domains." + key + "' (web, email or mailbox)");
    }
    b.web_domains = LowerDomains(r, domains, "web");
    b.email_domains = LowerDomains(r, domains, "email");
    b.mailbox_domains = LowerDomains(r, domains, "mailbox");
  }
  b.phones = r.Strings(doc, "phones");
  for (const auto& p : b.phones)
    if (p.empty() || p[0] != '+') r.Fail(doc["phones"], "phone '" + p + "' must be in E.164 (+...)");
  b.short_codes = r.Strings(doc, "short_codes");
  if (YAML::Node handles = doc["handles"]; handles.IsDefined() && !handles.IsNull()) {
    if (!handles.IsMap()) r.Fail(handles, "'handles' must map a platform to a list");
    for (const auto& kv : handles) {
      std::string platform = kv.first.as<std::string>();
      if (!kChannels.count(platform)) r.Fail(kv.first, "unknown platform '" + platform + "'");
      for (auto h : r.Strings(handles, platform)) {
        if (!h.empty() && h[0] == '@') h.erase(0, 1);
        std::transform(h.begin(), h.end(), h.begin(), ::tolower);
        b.handles[platform].push_back(h);
      }
    }
  }
  if (YAML::Node channels = doc["channels"]; channels.IsDefined() && !channels.IsNull()) {
    r.Channels(channels, "uses", &b.channels_used);
    r.Channels(channels, "never", &b.channels_never);
  }
  b.never_asks_for = r.Strings(doc, "never_asks_for");
  if (YAML::Node statements = doc["statements"]; statements.IsDefined() && !statements.IsNull()) {
    if (!statements.IsSequence()) r.Fail(statements, "'statements' must be a list");
    for (const auto& s : statements)
      b.statements.push_back({r.RequiredString(s, "text"), r.OptionalString(s, "source")});
  }
  if (YAML::Node tool = doc["verify_tool"]; tool.IsDefined() && !tool.IsNull()) {
    b.verify_tool_name = r.RequiredString(tool, "name");
    b.verify_tool_url = r.RequiredString(tool, "url");
  }
  b.support = r.Strings(doc, "support");
  b.report = r.Contacts(doc, "report", "text");
  b.sources = r.Sources(doc);
  b.last_reviewed = r.Date(doc);
  b.origin = r.OriginOf(doc);
  return b;
}

ScamRule ParseScamRule(const Reader& r, const YAML::Node& node, const std::string& what) {
  if (!node.IsMap()) r.Fail(node, what + " must be a map with 'all' and/or 'any'");
  ScamRule rule;
  rule.all = r.Strings(node, "all");
  rule.any = r.Strings(node, "any");
  rule.brands = r.Strings(node, "brands");
  rule.brand_categories = r.Strings(node, "brand_categories");
  r.Channels(node, "channels", &rule.channels);
  if (rule.all.empty() && rule.any.empty()) r.Fail(node, what + " needs 'all' or 'any'");
  return rule;
}

Scam ParseScam(const Reader& r, const YAML::Node& doc) {
  Scam s;
  s.id = r.Id(doc);
  s.name = r.Text(r.Required(doc, "name"), "'name'");
  s.family = r.Text(r.Required(doc, "family"), "'family'");
  s.summary = r.Text(r.Required(doc, "summary"), "'summary'");
  s.how_it_works = r.Texts(doc, "how_it_works");
  s.red_flags = r.Texts(doc, "red_flags");
  s.brands = r.Strings(doc, "brands");
  r.Channels(doc, "channels", &s.channels);
  s.match = ParseScamRule(r, r.Required(doc, "match"), "'match'");
  for (auto [key, rules, what] : {std::tuple{"also_match", &s.also_match, "an 'also_match' rule"},
                                  {"fallback_match", &s.fallback_match, "a 'fallback_match' rule"}}) {
    YAML::Node list = doc[key];
    if (!list) continue;
    if (!list.IsSequence()) r.Fail(list, "'" + std::string(key) + "' must be a list of rules");
    for (const auto& rule : list) rules->push_back(ParseScamRule(r, rule, what));
  }
  YAML::Node advice = r.Required(doc, "advice");
  if (!advice.IsMap()) r.Fail(advice, "'advice' must map a stage to a list");
  for (const auto& kv : advice) {
    std::string stage = kv.first.as<std::string>();
    if (!kAdviceStages.count(stage)) r.Fail(kv.first, "unknown advice stage '" + stage + "'");
    s.advice[stage] = r.Texts(advice, stage);
  }
  if (YAML::Node faq = doc["faq"]; faq.IsDefined() && !faq.IsNull()) {
    if (!faq.IsSequence()) r.Fail(faq, "'faq' must be a list of {q, a}");
    for (const auto& entry : faq)
      s.faq.push_back({r.Text(r.Required(entry, "q"), "'q'"), r.Text(r.Required(entry, "a"), "'a'")});
  }
  s.sources = r.Sources(doc);
  s.last_reviewed = r.Date(doc);
  s.origin = r.OriginOf(doc);
  return s;
}

Country ParseCountry(const Reader& r, const YAML::Node& doc, const std::string& stem) {
  Country c;
  c.code = r.RequiredString(doc, "code");
  std::string lower = c.code;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  if (c.code.size() != 2 || lower != stem) r.Fail(doc["code"], "'code' must be the file name in upper case");
  c.name = r.RequiredString(doc, "name");
  c.number_hint = r.OptionalString(doc, "number_hint");
  c.report = r.Contacts(doc, "report", "what");
  if (c.report.empty()) r.Fail(doc, "a country needs at least one 'report' entry");
  c.sources = r.Sources(doc);
  c.last_reviewed = r.Date(doc);
  c.origin = r.OriginOf(doc);
  return c;
}

void ParseSignals(const Reader& r, const YAML::Node& doc, const std::string& lang_dir,
                  const std::string& stem, std::vector<SignalPattern>* out) {
  std::string flag = r.Id(doc, "flag");
  std::string lang = r.RequiredString(doc, "lang");
  if (flag != stem) r.Fail(doc["flag"], "'flag' must be the file name ('" + stem + "')");
  if (lang != lang_dir) r.Fail(doc["lang"], "'lang' must be the folder name ('" + lang_dir + "')");
  r.Sources(doc);
  r.Date(doc);
  for (const char* key : {"patterns", "exceptions"}) {
    YAML::Node list = doc[key];
    bool exception = std::string(key) == "exceptions";
    if (!list.IsDefined() || list.IsNull()) {
      if (!exception) r.Fail(doc, "missing 'patterns'");
      continue;
    }
    if (!list.IsSequence()) r.Fail(list, std::string("'") + key + "' must be a list");
    for (const auto& item : list) {
      SignalPattern p;
      p.id = r.RequiredString(item, "id");
      p.flag = flag;
      p.lang = lang;
      p.regex = r.RequiredString(item, "regex");
      p.exception = exception;
      // An exception silences its flag and has no weight of its own: a weight there is a pattern listed under
      // 'exceptions' by mistake, which would silence the flag wherever it was meant to raise it.
      if (exception && item["weight"].IsDefined())
        r.Fail(item["weight"],
               "exception '" + p.id + "' has a 'weight': exceptions silence the flag (is it a pattern?)");
      if (item["weight"].IsDefined()) {
        p.weight = item["weight"].as<double>(-1);
        if (p.weight <= 0 || p.weight > 1) r.Fail(item["weight"], "'weight' must be in (0, 1]");
      }
      if (YAML::Node ex = item["examples"]; ex.IsDefined() && !ex.IsNull()) {
        p.examples.match = r.Strings(ex, "match");
        p.examples.no_match = r.Strings(ex, "no_match");
      }
      if (!exception && p.examples.match.empty()) r.Fail(item, "pattern '" + p.id + "' has no 'match' examples");
      p.origin = r.OriginOf(item);
      out->push_back(std::move(p));
    }
  }
}

UiTexts ParseUi(const Reader& r, const YAML::Node& doc, const std::string& stem) {
  UiTexts ui;
  ui.lang = r.RequiredString(doc, "lang");
  if (ui.lang != stem) r.Fail(doc["lang"], "'lang' must be the file name");
  ui.direction = r.OptionalString(doc, "direction");
  if (ui.direction.empty()) ui.direction = "ltr";
  ui.name = r.OptionalString(doc, "name");
  auto map = [&](const char* key, std::map<std::string, std::string>* out) {
    YAML::Node node = doc[key];
    if (!node.IsDefined() || node.IsNull()) return;
    if (!node.IsMap()) r.Fail(node, std::string("'") + key + "' must be a map");
    for (const auto& kv : node) (*out)[kv.first.as<std::string>()] = r.String(kv.second, key);
  };
  map("verdicts", &ui.verdicts);
  map("headings", &ui.headings);
  map("contact_verdicts", &ui.contact_verdicts);
  map("lookalike_how", &ui.lookalike_how);
  map("severity", &ui.severity);
  map("channels", &ui.channels);
  map("stages", &ui.stages);
  map("conversation", &ui.conversation);
  map("evidence_notes", &ui.evidence_notes);
  map("channel_facts", &ui.channel_facts);
  if (YAML::Node flags = doc["flags"]; flags.IsDefined() && !flags.IsNull()) {
    if (!flags.IsMap()) r.Fail(flags, "'flags' must map a red-flag id to its title and explanation");
    for (const auto& kv : flags)
      ui.flags[kv.first.as<std::string>()] = {r.RequiredString(kv.second, "title"),
                                              r.RequiredString(kv.second, "explanation")};
  }
  return ui;
}

void ParsePolicy(const Reader& r, const YAML::Node& doc, KnowledgeBase* kb) {
  YAML::Node t = r.Required(doc, "thresholds");
  kb->thresholds.suspicious = r.Required(t, "suspicious").as<int>();
  kb->thresholds.scam = r.Required(t, "scam").as<int>();
  if (!(0 < kb->thresholds.suspicious && kb->thresholds.suspicious < kb->thresholds.scam &&
        kb->thresholds.scam <= 100))
    r.Fail(t, "thresholds must satisfy 0 < suspicious < scam <= 100");
  auto combination = [&](const YAML::Node& c) {
    ScamCombination out{r.Strings(c, "all"), r.Strings(c, "any")};
    if (YAML::Node m = c["min_strength"]; m.IsDefined()) {
      out.min_strength = m.as<double>(-1);  // not a number: refused below, with its line
      if (!(0 < out.min_strength && out.min_strength <= 1)) r.Fail(m, "'min_strength' must be in (0, 1]");
    }
    return out;
  };
  for (const auto& c : r.RequiredList(doc, "scam_combinations"))
    kb->scam_combinations.push_back(combination(c));
  if (YAML::Node combinations = doc["suspicious_combinations"]; combinations.IsDefined()) {
    if (!combinations.IsSequence()) r.Fail(combinations, "'suspicious_combinations' must be a list of {all, any}");
    for (const auto& c : combinations) kb->suspicious_combinations.push_back(combination(c));
  }
  if (YAML::Node words = doc["channel_words"]; words.IsDefined()) {
    if (!words.IsMap()) r.Fail(words, "'channel_words' must map a language to its words");
    for (const auto& kv : words)
      for (const std::string& w : r.Strings(words, kv.first.as<std::string>())) kb->channel_words.insert(w);
  }
  for (const std::string& w : r.Strings(doc, "everyday_names")) kb->everyday_names.insert(w);
  for (const std::string& w : r.Strings(doc, "lookalike_words")) kb->lookalike_words.insert(w);
  for (const std::string& d : r.Strings(doc, "link_shorteners")) {
    if (d.find('.') == std::string::npos || AsciiLower(d) != d)
      r.Fail(doc["link_shorteners"], "'link_shorteners' holds lower-case domains, not '" + d + "'");
    kb->link_shorteners.insert(d);
  }
  if (YAML::Node links = doc["shared_links"]; links.IsDefined()) {
    if (!links.IsSequence()) r.Fail(links, "'shared_links' must be a list of {domain, opens, platform, ...}");
    for (const auto& l : links) {
      KnowledgeBase::SharedLink c{
          r.RequiredString(l, "domain"), r.RequiredString(l, "opens"),  r.RequiredString(l, "platform"),
          r.OptionalString(l, "under"),  r.OptionalString(l, "prefix"), r.Strings(l, "own"),
          r.Strings(l, "pages")};
      if (c.opens != "phone" && c.opens != "handle" && c.opens != "group" && c.opens != "page" &&
          c.opens != "profile")
        r.Fail(l, "'opens' must be phone, handle, group, page or profile");
      if (c.opens != "profile" && (!c.under.empty() || !c.prefix.empty()))
        r.Fail(l, "only a profile link has 'under' or 'prefix'");
      if (c.opens != "profile" && c.opens != "handle" && (!c.own.empty() || !c.pages.empty()))
        r.Fail(l, "only a profile or handle link has 'own' or 'pages'");
      kb->shared_links.push_back(std::move(c));
    }
  }
  if (YAML::Node m = doc["model"]; m.IsDefined() && !m.IsNull()) {
    kb->model.evidence_words = r.Required(m, "evidence_words").as<int>();
    kb->model.code_notice_needs_scam = r.Required(m, "code_notice_needs_scam").as<bool>();
    kb->model.official_sender_needs_scam = r.Required(m, "official_sender_needs_scam").as<bool>();
    kb->model.official_contacts_silence = r.Required(m, "official_contacts_silence").as<bool>();
    if (kb->model.evidence_words < 1 || kb->model.evidence_words > 10)
      r.Fail(m, "'evidence_words' must be 1..10");
  }
}

void ParseFlags(const Reader& r, const YAML::Node& doc, KnowledgeBase* kb) {
  static const std::set<std::string> kKeys = {
      "id", "severity", "weight", "shown", "needs_unofficial_link", "push", "wants_brand_link"};
  for (const auto& f : r.RequiredList(doc, "flags")) {
    if (f.IsMap())
      for (const auto& kv : f)
        if (!kKeys.count(kv.first.as<std::string>()))
          r.Fail(kv.first, "unknown key '" + kv.first.as<std::string>() + "' of a flag");
    FlagInfo info;
    info.id = r.Id(f);
    info.severity = r.RequiredString(f, "severity");
    if (info.severity != "high" && info.severity != "medium" && info.severity != "low")
      r.Fail(f["severity"], "'severity' must be high, medium or low");
    info.weight = r.Required(f, "weight").as<double>();
    if (info.weight < 0 || info.weight > 1) r.Fail(f["weight"], "'weight' must be in [0, 1]");
    info.shown = f["shown"].IsDefined() ? f["shown"].as<bool>() : true;
    auto flag = [&](const char* key) { return f[key].IsDefined() && f[key].as<bool>(); };
    info.needs_unofficial_link = flag("needs_unofficial_link");
    info.push = flag("push");
    info.wants_brand_link = flag("wants_brand_link");
    kb->flags.push_back(info);
  }
}

void ParseLanguages(const Reader& r, const YAML::Node& doc, RomanizedLanguages* out) {
  auto words = [&](const YAML::Node& node, const char* key) {
    std::set<std::string> set;
    for (const std::string& w : r.Strings(node, key)) {
      if (w.empty() || !std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
        r.Fail(node[key], std::string("'") + key + "': '" + w + "' is not a lower-case word in a-z");
      set.insert(w);
    }
    return set;
  };
  out->min_words = r.Required(doc, "min_words").as<size_t>();
  out->min_share = r.Required(doc, "min_share").as<double>();
  if (out->min_words < 1 || out->min_share <= 0 || out->min_share > 1)
    r.Fail(doc["min_share"], "min_words must be at least 1 and min_share in (0, 1]");
  out->common_words = words(doc, "common_words");
  std::map<std::string, std::string> owner;  // word -> language, to refuse a word two lists hold
  for (const auto& l : r.RequiredList(doc, "romanized")) {
    RomanizedLanguages::Language language{r.RequiredString(l, "lang"), r.Strings(l, "countries"),
                                          words(l, "words")};
    if (!kLanguages.count(language.lang)) r.Fail(l["lang"], "unknown language '" + language.lang + "'");
    for (const std::string& w : language.words) {
      if (out->common_words.count(w)) r.Fail(l["words"], "'" + w + "' is in common_words too");
      if (auto [it, added] = owner.emplace(w, language.lang); !added)
        r.Fail(l["words"], "'" + w + "' is " + it->second + "'s word too");
    }
    out->languages.push_back(std::move(language));
  }
  r.Sources(doc);
  r.Date(doc);
}

void ParseFile(const SourceFile& file, KnowledgeBase* kb) {
  Reader r(file.path);
  YAML::Node doc;
  try {
    doc = YAML::Load(file.content);
  } catch (const YAML::Exception& e) {
    throw FileProblem{file.path + ":" + std::to_string(std::max(e.mark.line + 1, 1)) +
                      ": YAML syntax: " + e.msg};
  }
  if (!doc.IsMap()) throw FileProblem{file.path + ":1: the file must hold a YAML map"};
  std::string path = file.path;
  std::string dir = path.find('/') == std::string::npos ? "" : path.substr(0, path.find('/'));
  std::string stem = path.substr(path.rfind('/') + 1);
  stem = stem.substr(0, stem.size() - 5);  // ".yaml"
  if (path == "flags.yaml") {
    ParseFlags(r, doc, kb);
  } else if (path == "policy.yaml") {
    ParsePolicy(r, doc, kb);
  } else if (path == "languages.yaml") {
    ParseLanguages(r, doc, &kb->romanized);
  } else if (path == "advice.yaml") {
    kb->advice = {r.Texts(doc, "protect"), r.Texts(doc, "recover"), r.Texts(doc, "report"),
                  r.Texts(doc, "code_delivery")};
    r.Sources(doc);
    r.Date(doc);
  } else if (dir == "brands") {
    Brand b = ParseBrand(r, doc);
    if (b.id != stem) r.Fail(doc["id"], "'id' must be the file name ('" + stem + "')");
    kb->brands.push_back(std::move(b));
  } else if (dir == "scams") {
    Scam s = ParseScam(r, doc);
    if (s.id != stem) r.Fail(doc["id"], "'id' must be the file name ('" + stem + "')");
    kb->scams.push_back(std::move(s));
  } else if (dir == "countries") {
    kb->countries.push_back(ParseCountry(r, doc, stem));
  } else if (dir == "signals") {
    std::string rest = path.substr(dir.size() + 1);
    if (std::count(rest.begin(), rest.end(), '/') != 1)
      throw FileProblem{path + ":1: signal files live in signals/<lang>/<flag>.yaml"};
    std::string lang = rest.substr(0, rest.find('/'));
    if (!kLanguages.count(lang)) throw FileProblem{path + ":1: unknown language folder '" + lang + "'"};
    std::vector<SignalPattern> patterns;
    ParseSignals(r, doc, lang, stem, &patterns);
    kb->signals.insert(kb->signals.end(), patterns.begin(), patterns.end());
  } else if (dir == "i18n") {
    UiTexts ui = ParseUi(r, doc, stem);
    kb->ui[ui.lang] = std::move(ui);
  } else {
    throw FileProblem{path + ":1: not a knowledge file (see knowledge/README.md)"};
  }
}

}  // namespace

KnowledgeBase ParseKnowledge(const std::vector<SourceFile>& files, std::vector<std::string>* problems) {
  KnowledgeBase kb;
  for (const auto& file : files) {
    KnowledgeBase part;  // parsed apart, so a broken file adds nothing
    try {
      ParseFile(file, &part);
    } catch (const FileProblem& p) {
      problems->push_back(p.message);
      continue;
    } catch (const YAML::Exception& e) {
      // A node of the wrong kind the checks above missed: yaml-cpp may know no line for it.
      problems->push_back(file.path + ":" + std::to_string(std::max(e.mark.line + 1, 1)) + ": " + e.msg);
      continue;
    }
    auto append = [](auto& to, auto& from) { to.insert(to.end(), from.begin(), from.end()); };
    append(kb.flags, part.flags);
    append(kb.brands, part.brands);
    append(kb.scams, part.scams);
    append(kb.countries, part.countries);
    append(kb.signals, part.signals);
    append(kb.scam_combinations, part.scam_combinations);
    append(kb.suspicious_combinations, part.suspicious_combinations);
    for (auto& [lang, ui] : part.ui) kb.ui[lang] = ui;
    if (file.path == "policy.yaml") kb.thresholds = part.thresholds;
    if (file.path == "policy.yaml") kb.model = part.model;
    if (file.path == "policy.yaml") kb.channel_words = part.channel_words;
    if (file.path == "policy.yaml") kb.shared_links = part.shared_links;
    if (file.path == "policy.yaml") kb.everyday_names = part.everyday_names;
    if (file.path == "policy.yaml") kb.lookalike_words = part.lookalike_words;
    if (file.path == "policy.yaml") kb.link_shorteners = part.link_shorteners;
    if (file.path == "advice.yaml") kb.advice = part.advice;
    if (file.path == "languages.yaml") kb.romanized = part.romanized;
  }
  CrossCheck(kb, problems);
  return kb;
}

}  // namespace redflag
