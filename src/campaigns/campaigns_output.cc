#include "campaigns/campaigns_output.h"

#include <nlohmann/json.hpp>
#include <sstream>

namespace redflag {
namespace {

using json = nlohmann::ordered_json;  // fields in the order written, as the README lists them

size_t Shown(const CampaignSummary& s, size_t top) {
  return top == 0 ? s.campaigns.size() : std::min(top, s.campaigns.size());
}

json ScamCounts(const std::vector<Count>& counts, const CampaignSummary& s) {
  json list = json::array();
  for (const Count& c : counts) {
    json entry = {{"id", c.key.empty() ? json(nullptr) : json(c.key)}, {"messages", c.messages}};
    if (auto it = s.scam_names.find(c.key); it != s.scam_names.end()) entry["name"] = it->second;
    list.push_back(std::move(entry));
  }
  return list;
}

json Problems(size_t count, const std::vector<LineProblem>& first) {
  json list = json::array();
  for (const LineProblem& p : first) list.push_back({{"line", p.line}, {"message", p.message}});
  return {{"count", count}, {"first", std::move(list)}};
}

std::string ScamLabel(const std::string& id, const CampaignSummary& s) {
  if (id.empty()) return "not named";
  auto it = s.scam_names.find(id);
  return it == s.scam_names.end() || it->second.empty() ? id : it->second + " (" + id + ")";
}

std::string Plural(size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string CampaignsJson(const CampaignSummary& s, size_t top, bool pretty) {
  json out = {
      {"schema", "redflag.campaigns/1"},
      {"reports", s.reports},
      {"verdicts", {{"scam", s.scam}, {"suspicious", s.suspicious}, {"no_red_flags", s.no_red_flags}}},
      {"scan_errors", Problems(s.scan_errors, s.first_scan_errors)},
      {"unreadable", Problems(s.unreadable, s.first_unreadable)}};
  json times = {{"without_time", s.without_time}, {"not_iso_8601", s.bad_time}};
  if (s.bad_time) times["first_not_iso_8601_line"] = s.first_bad_time_line;
  out["times"] = std::move(times);
  out["scams"] = ScamCounts(s.scams, s);
  out["campaigns_total"] = s.campaigns.size();
  out["warned_in_campaigns"] = s.warned_in_campaigns;
  json campaigns = json::array();
  for (size_t i = 0; i < Shown(s, top); ++i) {
    const Campaign& c = s.campaigns[i];
    json indicators = json::array(), days = json::array();
    for (const auto& [indicator, n] : c.indicators)
      indicators.push_back({{"kind", indicator.kind}, {"value", indicator.value}, {"messages", n}});
    for (const Count& d : c.days) days.push_back({{"date", d.key}, {"messages", d.messages}});
    json entry = {{"rank", i + 1},
                  {"messages", c.messages},
                  {"scam", c.scam},
                  {"suspicious", c.suspicious},
                  {"scams", ScamCounts(c.scams, s)},
                  {"indicators", std::move(indicators)}};
    entry["first_seen"] = c.first_seen.empty() ? json(nullptr) : json(c.first_seen);
    entry["last_seen"] = c.last_seen.empty() ? json(nullptr) : json(c.last_seen);
    entry["days"] = std::move(days);
    entry["ids"] = c.ids;
    entry["lines"] = c.lines;
    campaigns.push_back(std::move(entry));
  }
  out["campaigns"] = std::move(campaigns);
  json days = json::array();
  for (const DayTrend& d : s.days)
    days.push_back({{"date", d.date},
                    {"messages", d.messages},
                    {"scam", d.scam},
                    {"suspicious", d.suspicious},
                    {"scams", ScamCounts(d.scams, s)}});
  out["days"] = std::move(days);
  return out.dump(pretty ? 2 : -1);
}

std::string CampaignsText(const CampaignSummary& s, size_t top) {
  std::ostringstream o;
  size_t warned = s.scam + s.suspicious;
  o << Plural(s.reports, "report", "reports") << ": " << s.scam << " scam, " << s.suspicious
    << " suspicious, " << s.no_red_flags << " no red flags\n";
  if (s.scan_errors) {
    o << Plural(s.scan_errors, "message", "messages") << " the scan could not analyse:";
    for (const LineProblem& p : s.first_scan_errors) o << "\n  " << p.message;
    o << "\n";
  }
  if (s.unreadable) {
    o << Plural(s.unreadable, "line is", "lines are") << " no report:";
    for (const LineProblem& p : s.first_unreadable) o << "\n  " << p.message;
    o << "\n";
  }
  if (s.bad_time)
    o << Plural(s.bad_time, "report has a time", "reports have a time")
      << " that is no ISO 8601 date (first at line " << s.first_bad_time_line << "); left out of the days\n";

  if (warned) {
    o << "\nKnown scams among the " << warned << " warned messages:\n";
    for (const Count& c : s.scams) o << "  " << c.messages << "  " << ScamLabel(c.key, s) << "\n";
  }

  o << "\nCampaigns: " << Plural(s.campaigns.size(), "group", "groups")
    << " of warned messages that share a link, address, number or handle (" << s.warned_in_campaigns << " of "
    << warned << " warned messages)\n";
  for (size_t i = 0; i < Shown(s, top); ++i) {
    const Campaign& c = s.campaigns[i];
    o << "#" << i + 1 << "  " << c.messages << " messages (" << c.scam << " scam, " << c.suspicious
      << " suspicious)";
    if (!c.first_seen.empty()) o << ", " << c.first_seen << " to " << c.last_seen;
    o << "\n    scams:";
    for (size_t k = 0; k < c.scams.size() && k < 3; ++k)
      o << (k ? ", " : " ") << ScamLabel(c.scams[k].key, s) << " " << c.scams[k].messages;
    o << "\n    shared:";
    for (size_t k = 0; k < c.indicators.size() && k < 5; ++k)
      o << (k ? ", " : " ") << c.indicators[k].first.kind << " " << c.indicators[k].first.value << " ("
        << c.indicators[k].second << ")";
    if (c.indicators.size() > 5) o << " and " << c.indicators.size() - 5 << " more";
    o << "\n    messages:";
    for (size_t k = 0; k < c.ids.size(); ++k)
      o << (k ? ", " : " ") << (c.ids[k].empty() ? "line " + std::to_string(c.lines[k]) : c.ids[k]);
    if (c.messages > c.ids.size()) o << " and " << c.messages - c.ids.size() << " more";
    o << "\n";
  }
  if (Shown(s, top) < s.campaigns.size())
    o << "(" << Plural(s.campaigns.size() - Shown(s, top), "smaller campaign", "smaller campaigns")
      << " not shown: --top 0 shows all)\n";

  if (!s.days.empty()) {
    o << "\nBy day:\n";
    for (const DayTrend& d : s.days) {
      o << "  " << d.date << "  " << Plural(d.messages, "message", "messages") << ", " << d.scam << " scam, "
        << d.suspicious << " suspicious";
      for (size_t k = 0; k < d.scams.size() && k < 3; ++k)
        o << (k ? ", " : "; ") << ScamLabel(d.scams[k].key, s) << " " << d.scams[k].messages;
      o << "\n";
    }
    if (s.without_time) o << "  (" << Plural(s.without_time, "report", "reports") << " without a time)\n";
  }
  return o.str();
}

}  // namespace redflag
