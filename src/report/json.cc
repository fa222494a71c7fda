#include "report/json.h"

namespace redflag {
namespace {

using nlohmann::json;

json SourcesToJson(const std::vector<Source>& sources) {
  json list = json::array();
  for (const auto& s : sources) list.push_back({{"url", s.url}, {"title", s.title}});
  return list;
}

json ReportingToJson(const std::vector<ReportingContact>& contacts, const std::string& lang) {
  json list = json::array();
  for (const auto& c : contacts) {
    json j = {{"name", c.name.Get(lang)}};
    if (!c.what.by_lang.empty()) j["what"] = c.what.Get(lang);
    for (auto [key, value] : {std::pair{"url", &c.url}, {"phone", &c.phone}, {"email", &c.email}, {"sms", &c.sms}})
      if (!value->empty()) j[key] = *value;
    list.push_back(j);
  }
  return list;
}

json RuleToJson(const ScamRule& r) {
  return {{"all", r.all},
          {"any", r.any},
          {"brands", r.brands},
          {"brand_categories", r.brand_categories},
          {"channels", r.channels}};
}

json Texts(const std::vector<LocalizedText>& texts, const std::string& lang) {
  json list = json::array();
  for (const auto& t : texts) list.push_back(t.Get(lang));
  return list;
}

}  // namespace

json ChannelFactsToJson(const ChannelFacts& f) {
  json statements = json::array();
  for (const auto& s : f.statements) statements.push_back({{"text", s.text}, {"source", s.source}});
  json j = {{"brand", f.brand_id}, {"name", f.brand_name}, {"channel", f.channel}, {"status", f.status},
            {"official", f.official}, {"statements", statements}, {"sources", SourcesToJson(f.sources)},
            {"last_reviewed", f.last_reviewed}};
  if (!f.verify_tool_url.empty()) j["verify_tool"] = {{"name", f.verify_tool_name}, {"url", f.verify_tool_url}};
  return j;
}

json BrandToJson(const Brand& b) {
  json statements = json::array();
  for (const auto& s : b.statements) statements.push_back({{"text", s.text}, {"source", s.source}});
  json j = {{"id", b.id},
            {"name", b.name},
            {"category", b.category},
            {"aliases", b.aliases},
            {"domains", {{"web", b.web_domains}, {"email", b.email_domains}}},
            {"phones", b.phones},
            {"short_codes", b.short_codes},
            {"handles", b.handles},
            {"channels", {{"uses", b.channels_used}, {"never", b.channels_never}}},
            {"never_asks_for", b.never_asks_for},
            {"statements", statements},
            {"support", b.support},
            {"report", ReportingToJson(b.report, "en")},
            {"sources", SourcesToJson(b.sources)},
            {"last_reviewed", b.last_reviewed}};
  if (!b.parent.empty()) j["parent"] = b.parent;
  if (!b.verify_tool_url.empty()) j["verify_tool"] = {{"name", b.verify_tool_name}, {"url", b.verify_tool_url}};
  return j;
}

json ScamToJson(const Scam& s, const std::string& lang) {
  json advice = json::object();
  for (const auto& [stage, items] : s.advice) advice[stage] = Texts(items, lang);
  json also_match = json::array(), fallback_match = json::array();
  for (const ScamRule& r : s.also_match) also_match.push_back(RuleToJson(r));
  for (const ScamRule& r : s.fallback_match) fallback_match.push_back(RuleToJson(r));
  json faq = json::array();
  for (const auto& f : s.faq) faq.push_back({{"q", f.question.Get(lang)}, {"a", f.answer.Get(lang)}});
  return {{"id", s.id},
          {"name", s.name.Get(lang)},
          {"family", s.family.Get(lang)},
          {"summary", s.summary.Get(lang)},
          {"how_it_works", Texts(s.how_it_works, lang)},
          {"red_flags", Texts(s.red_flags, lang)},
          {"brands", s.brands},
          {"channels", s.channels},
          {"match", RuleToJson(s.match)},
          {"also_match", also_match},
          {"fallback_match", fallback_match},
          {"advice", advice},
          {"faq", faq},
          {"sources", SourcesToJson(s.sources)},
          {"last_reviewed", s.last_reviewed}};
}

json CountryToJson(const Country& c, const std::string& lang) {
  return {{"code", c.code}, {"name", c.name}, {"report", ReportingToJson(c.report, lang)},
          {"sources", SourcesToJson(c.sources)}, {"last_reviewed", c.last_reviewed}};
}

}  // namespace redflag
