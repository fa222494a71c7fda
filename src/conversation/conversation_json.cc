#include "conversation/conversation_json.h"

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "report/report_json.h"

namespace redflag {
namespace {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kTooLarge: return "too_large";
    case StatusCode::kInvalidArgument: return "invalid_message";
    default: return "internal";
  }
}

}  // namespace

std::string FormatLocalTime(int64_t seconds) {
  using namespace std::chrono;
  sys_seconds t{std::chrono::seconds(seconds)};
  sys_days day = floor<days>(t);
  year_month_day ymd(day);
  hh_mm_ss hms(t - day);
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02u-%02uT%02ld:%02ld:%02ld", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                static_cast<long>(hms.seconds().count()));
  return buffer;
}

std::string ConversationJson(const ConversationReport& r, bool pretty) {
  using nlohmann::json;
  const Conversation& c = r.conversation;
  json out = json::object();
  out["schema"] = "redflag.conversation/1";
  out["format"] = c.format;
  out["channel"] = std::string(ChannelName(c.channel));
  out["verdict"] = std::string(VerdictName(r.verdict));
  out["risk"] = r.risk;
  out["summary"] = r.summary;
  out["ui_language"] = r.ui_language;
  out["turn"] = r.turn ? json(*r.turn) : json(nullptr);
  // Whose report's advice applies to the conversation: the riskiest message's.
  out["riskiest"] = r.riskiest ? json(*r.riskiest) : json(nullptr);
  json participants = json::array();
  for (const Participant& p : r.participants)
    participants.push_back({{"name", p.name}, {"role", p.role}, {"messages", p.messages}, {"first_message", p.first_message}});
  out["participants"] = participants;
  json flags = json::array();
  for (const ConversationFlag& f : r.red_flags) {
    json evidence = json::array();
    for (const ConversationEvidence& e : f.evidence) {
      json j = {{"message", e.message}, {"field", "text"}, {"start", e.start}, {"end", e.end}, {"text", e.text}};
      if (!e.note.empty()) j["note"] = e.note;
      evidence.push_back(j);
    }
    flags.push_back({{"id", f.id},
                     {"title", f.title},
                     {"explanation", f.explanation},
                     {"severity", f.severity},
                     {"strength", f.strength},
                     {"participant", f.participant},
                     {"evidence", evidence}});
  }
  out["red_flags"] = flags;
  json scams = json::array();
  for (const ScamMatch& s : r.scams) scams.push_back({{"id", s.id}, {"name", s.name}, {"family", s.family}});
  out["scams"] = scams;
  json messages = json::array();
  for (size_t i = 0; i < c.messages.size(); ++i) {
    const ConversationMessage& m = c.messages[i];
    const MessageResult& res = r.messages[i];
    json j = {{"index", i}, {"line", m.line}};
    j["time"] = m.time ? json(FormatLocalTime(*m.time)) : json(nullptr);
    j["sender"] = m.sender;
    if (m.system != SystemKind::kNone) {
      j["system"] = std::string(SystemKindName(m.system));
      j["text"] = m.text;
    } else if (res.report) {
      j["stage"] = res.stage.empty() ? json(nullptr) : json(res.stage);
      j["report"] = json::parse(ReportJson(*res.report));
    } else {
      j["text"] = m.text;
      j["error"] = {{"code", std::string(StatusCodeName(res.error.code()))}, {"message", res.error.message()}};
    }
    messages.push_back(std::move(j));
  }
  out["messages"] = messages;
  out["truncated"] = c.truncated.empty() ? json(nullptr) : json(c.truncated);
  out["notes"] = c.notes;
  return out.dump(pretty ? 2 : -1, ' ', false, json::error_handler_t::replace);
}

}  // namespace redflag
