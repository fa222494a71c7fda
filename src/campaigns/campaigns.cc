#include "campaigns/campaigns.h"

#include <simdjson.h>

#include <algorithm>
#include <boost/pending/disjoint_sets.hpp>
#include <cctype>
#include <chrono>
#include <unordered_map>

#include "text/normalize.h"

namespace redflag {
namespace {

// A warned message's contact. A link on a domain keys as the domain; `link`
// keeps the whole link for when that domain turns out to be shared.
struct WarnedContact {
  Indicator key;
  std::string link;
};

struct WarnedMessage {
  std::string id;
  size_t line = 0;
  bool scam = false;
  std::string time;  // "" when absent or not ISO 8601
  std::string first_scam;
  std::vector<WarnedContact> contacts;
};

// "2026-12-07", "2026-12-07T10:00:00Z", "2026-12-07 10:00": a real date, then nothing or a time.
bool IsIsoTime(std::string_view t) {
  if (t.size() < 10 || t[4] != '-' || t[7] != '-') return false;
  if (t.size() > 10 && t[10] != 'T' && t[10] != 't' && t[10] != ' ') return false;
  int parts[3] = {0, 0, 0};
  const size_t begins[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (size_t i = begins[p]; i < begins[p] + lengths[p]; ++i) {
      if (t[i] < '0' || t[i] > '9') return false;
      parts[p] = parts[p] * 10 + (t[i] - '0');
    }
  }
  using namespace std::chrono;
  return year_month_day{year{parts[0]}, month{static_cast<unsigned>(parts[1])},
                        day{static_cast<unsigned>(parts[2])}}
      .ok();
}

// A whole link as a key: no scheme (also as mangled in text: "http //"), the host in lower case, no trailing
// slash. The path keeps its case (shorteners' tokens are case-sensitive). "" for a link with no path: on a
// shared domain that names no one.
std::string LinkKey(std::string_view link) {
  if (size_t slashes = link.find("//"); slashes != std::string_view::npos && slashes <= 8) {
    std::string_view scheme = link.substr(0, slashes);
    while (!scheme.empty() && (scheme.back() == ':' || scheme.back() == ' ')) scheme.remove_suffix(1);
    if (std::all_of(scheme.begin(), scheme.end(),
                    [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }))
      link.remove_prefix(slashes + 2);
  }
  if (link.size() > 4 && AsciiLower(link.substr(0, 4)) == "www.") link.remove_prefix(4);
  size_t host_end = std::min(link.find_first_of("/?#"), link.size());
  std::string key = AsciiLower(link.substr(0, host_end)) + std::string(link.substr(host_end));
  while (!key.empty() && key.back() == '/') key.pop_back();
  if (key.size() == host_end) return "";
  return key;
}

// How a report's contact keys a campaign. A link the registry reads as what it opens (wa.me/<number>,
// t.me/<handle>) keys as that number or handle; a page on a shared host (sites.google.com/...) as the link.
WarnedContact ContactKey(std::string_view kind, std::string_view value, std::string_view normalized) {
  WarnedContact c;
  if (kind != "url") {
    c.key = {std::string(kind), std::string(normalized.empty() ? value : normalized)};
    return c;
  }
  if (normalized.empty()) {
    c.key = {"link", LinkKey(value)};  // "" (not a key) for a bare host the registry could not read
  } else if (normalized.front() == '+') {
    c.key = {"phone", std::string(normalized)};
  } else if (normalized.find('.') == std::string_view::npos) {
    c.key = {"handle", std::string(normalized)};
  } else {
    c.key = {"domain", std::string(normalized)};
    c.link = LinkKey(value);
  }
  return c;
}

// Whether `key` is one of the analyst's ignored contacts, or a link's domain or an address under one.
bool IsIgnored(const std::set<std::string>& ignored, const Indicator& key) {
  if (ignored.empty()) return false;
  if (ignored.count(key.value)) return true;
  if (key.kind != "email" && key.kind != "domain") return false;
  std::string_view domain = key.value;
  if (size_t at = domain.rfind('@'); at != std::string_view::npos) domain.remove_prefix(at + 1);
  for (;;) {
    if (ignored.count(std::string(domain))) return true;
    size_t dot = domain.find('.');
    if (dot == std::string_view::npos) return false;
    domain.remove_prefix(dot + 1);
  }
}

std::vector<Count> SortedCounts(const std::unordered_map<std::string, size_t>& counts) {
  std::vector<Count> out;
  out.reserve(counts.size());
  for (const auto& [key, n] : counts) out.push_back({key, n});
  std::sort(out.begin(), out.end(), [](const Count& a, const Count& b) {
    return a.messages != b.messages ? a.messages > b.messages : a.key < b.key;
  });
  return out;
}

// A field's string, or "" when it is missing or not a string (simdjson would throw on the conversion).
std::string_view StringOf(simdjson::simdjson_result<simdjson::dom::element> e) {
  std::string_view s;
  return e.get_string().get(s) == simdjson::SUCCESS ? s : std::string_view();
}

}  // namespace

struct CampaignBuilder::State {
  simdjson::dom::parser parser;
  CampaignSummary totals;  // the counts; campaigns and days are filled by Summarize()
  std::vector<WarnedMessage> warned;
  std::set<Indicator> genuine;  // contacts seen in messages with no red flags
  struct DayCounts {
    size_t messages = 0, scam = 0, suspicious = 0;
    std::unordered_map<std::string, size_t> scams;
  };
  std::map<std::string, DayCounts> days;

  // Named as "line N: reason"; the text is built only for the first few, which are kept.
  void Unreadable(size_t line, std::string_view reason) {
    ++totals.unreadable;
    if (totals.first_unreadable.size() < kMaxProblems)
      totals.first_unreadable.push_back({line, "line " + std::to_string(line) + ": " + std::string(reason)});
  }
};

CampaignBuilder::CampaignBuilder() : state_(std::make_unique<State>()) {}
CampaignBuilder::~CampaignBuilder() = default;

void CampaignBuilder::AddTooLong(size_t number, size_t limit) {
  state_->Unreadable(number, "over the limit of " + std::to_string(limit) + " bytes");
}

void CampaignBuilder::AddLine(const std::string& line, size_t number) {
  using namespace simdjson;
  State& s = *state_;
  dom::element doc;
  if (auto error = s.parser.parse(line).get(doc); error) {
    s.Unreadable(number, std::string("invalid JSON: ") + error_message(error));
    return;
  }
  dom::object report;
  if (doc.get_object().get(report)) {
    s.Unreadable(number, "not a JSON object");
    return;
  }
  // The message's own line in the scanned file, when the scan gave it.
  uint64_t source_line = number;
  if (uint64_t given = 0; report["line"].get_uint64().get(given) == SUCCESS) source_line = given;
  if (dom::element error; report["error"].get(error) == SUCCESS) {
    ++s.totals.scan_errors;
    if (s.totals.first_scan_errors.size() < kMaxProblems) {
      s.totals.first_scan_errors.push_back({source_line, std::string(StringOf(error["message"]))});
    }
    return;
  }
  if (StringOf(report["schema"]) != "redflag.report/1") {
    s.Unreadable(number, "not a redflag report (no \"schema\": \"redflag.report/1\")");
    return;
  }
  std::string_view verdict = StringOf(report["verdict"]);
  bool scam = verdict == "scam", suspicious = verdict == "suspicious";
  if (!scam && !suspicious && verdict != "no_red_flags") {
    s.Unreadable(number, "unknown verdict '" + std::string(verdict) + "'");
    return;
  }
  ++s.totals.reports;
  ++(scam ? s.totals.scam : suspicious ? s.totals.suspicious : s.totals.no_red_flags);

  std::string time;
  if (auto t = report["time"]; t.error() == SUCCESS) {
    std::string_view given = StringOf(t);
    if (IsIsoTime(given)) {
      time = given;
    } else {
      if (s.totals.bad_time++ == 0) s.totals.first_bad_time_line = source_line;
    }
  } else {
    ++s.totals.without_time;
  }

  std::string first_scam;
  if (dom::array scams; report["scams"].get(scams) == SUCCESS) {
    for (dom::element m : scams) {
      std::string id(StringOf(m["id"]));
      if (id.empty()) continue;
      if (first_scam.empty()) first_scam = id;
      auto& name = s.totals.scam_names[id];
      if (name.empty()) name = StringOf(m["name"]);
    }
  }
  if (!time.empty()) {
    State::DayCounts& day = s.days[time.substr(0, 10)];
    ++day.messages;
    if (scam) ++day.scam;
    if (suspicious) ++day.suspicious;
    if (scam || suspicious) ++day.scams[first_scam];
  }

  std::vector<WarnedContact> contacts;
  if (dom::array list; report["contacts"].get(list) == SUCCESS) {
    for (dom::element c : list) {
      if (StringOf(c["verdict"]) == "official") continue;  // the brand's own: no one's campaign
      WarnedContact key = ContactKey(StringOf(c["kind"]), StringOf(c["value"]), StringOf(c["normalized"]));
      if (key.key.value.empty()) continue;
      if (!scam && !suspicious) {
        s.genuine.insert(key.key);
        continue;
      }
      if (std::none_of(contacts.begin(), contacts.end(),
                       [&](const WarnedContact& k) { return k.key == key.key; }))
        contacts.push_back(std::move(key));
    }
  }
  if (!scam && !suspicious) return;
  WarnedMessage m;
  if (auto id = report["id"]; id.is_string())
    m.id = StringOf(id);
  else if (id.error() == SUCCESS)
    m.id = simdjson::minify(id.value());  // a number, as scan copies it
  m.line = source_line;
  m.scam = scam;
  m.time = std::move(time);
  m.first_scam = std::move(first_scam);
  m.contacts = std::move(contacts);
  s.warned.push_back(std::move(m));
}

CampaignSummary CampaignBuilder::Summarize(const CampaignOptions& options) const {
  const State& s = *state_;
  CampaignSummary out = s.totals;
  std::unordered_map<std::string, size_t> scams;
  for (const WarnedMessage& m : s.warned) ++scams[m.first_scam];
  out.scams = SortedCounts(scams);
  for (const auto& [date, day] : s.days)
    out.days.push_back({date, day.messages, day.scam, day.suspicious, SortedCounts(day.scams)});
  const size_t n = s.warned.size();
  if (n == 0) return out;

  // Each message's keys once the shared ones are set aside; messages with a key in common are joined.
  std::vector<std::vector<Indicator>> keys(n);
  std::map<Indicator, size_t> first_with;
  boost::disjoint_sets_with_storage<> groups(n);
  for (size_t i = 0; i < n; ++i) {
    for (const WarnedContact& c : s.warned[i].contacts) {
      Indicator key = c.key;
      if (IsIgnored(options.ignored, key)) continue;
      bool shared =
          s.genuine.count(key) > 0 || (key.kind == "domain" && options.shared_domains.count(key.value));
      if (shared) {
        if (c.link.empty()) continue;
        key = {"link", c.link};
        if (s.genuine.count(key)) continue;
      }
      if (std::find(keys[i].begin(), keys[i].end(), key) != keys[i].end()) continue;
      auto [it, inserted] = first_with.emplace(key, i);
      if (!inserted) groups.union_set(i, it->second);
      keys[i].push_back(std::move(key));
    }
  }
  std::map<size_t, std::vector<size_t>> members;  // by root; each list in input order
  for (size_t i = 0; i < n; ++i)
    if (!keys[i].empty()) members[groups.find_set(i)].push_back(i);

  for (const auto& [root, list] : members) {
    if (list.size() < std::max<size_t>(options.min_messages, 1)) continue;
    Campaign c;
    c.messages = list.size();
    std::unordered_map<std::string, size_t> by_scam, by_day;
    std::map<Indicator, size_t> by_indicator;
    for (size_t i : list) {
      const WarnedMessage& m = s.warned[i];
      ++(m.scam ? c.scam : c.suspicious);
      ++by_scam[m.first_scam];
      for (const Indicator& k : keys[i]) ++by_indicator[k];
      if (!m.time.empty()) {
        ++by_day[m.time.substr(0, 10)];
        if (c.first_seen.empty() || m.time < c.first_seen) c.first_seen = m.time;
        if (c.last_seen.empty() || m.time > c.last_seen) c.last_seen = m.time;
      }
      if (c.ids.size() < kMaxIds) {
        c.ids.push_back(m.id);
        c.lines.push_back(m.line);
      }
    }
    c.scams = SortedCounts(by_scam);
    c.days = SortedCounts(by_day);
    std::sort(c.days.begin(), c.days.end(), [](const Count& a, const Count& b) { return a.key < b.key; });
    c.indicators.assign(by_indicator.begin(), by_indicator.end());
    std::stable_sort(c.indicators.begin(), c.indicators.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    out.warned_in_campaigns += c.messages;
    out.campaigns.push_back(std::move(c));
  }
  std::sort(out.campaigns.begin(), out.campaigns.end(), [](const Campaign& a, const Campaign& b) {
    return a.messages != b.messages ? a.messages > b.messages : a.lines.front() < b.lines.front();
  });
  return out;
}

}  // namespace redflag
