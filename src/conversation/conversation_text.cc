#include "conversation/conversation_text.h"

#include <sstream>

#include "conversation/conversation_json.h"
#include "report/text.h"

namespace redflag {
namespace {

constexpr size_t kShownBytes = 160;  // a message is cut to this in the list

// "2026-12-06 10:30:00": for a reader, a space where ISO 8601 puts its 'T'.
std::string ReadableTime(int64_t seconds) {
  std::string when = FormatLocalTime(seconds);
  if (when.size() > 10 && when[10] == 'T') when[10] = ' ';
  return when;
}

std::string Text(const UiTexts& ui, const UiTexts& en, const std::map<std::string, std::string> UiTexts::*table,
                 const std::string& key) {
  if (auto it = (ui.*table).find(key); it != (ui.*table).end()) return it->second;
  if (auto it = (en.*table).find(key); it != (en.*table).end()) return it->second;
  return key;
}

// Cuts at a UTF-8 character boundary and puts the lines on one line.
std::string Short(const std::string& text) {
  std::string s = text.substr(0, kShownBytes);
  while (!s.empty() && s.size() < text.size() && (static_cast<unsigned char>(text[s.size()]) & 0xC0) == 0x80)
    s.pop_back();
  for (char& ch : s)
    if (ch == '\n') ch = ' ';
  return s.size() < text.size() ? s + "…" : s;
}

}  // namespace

std::string RenderConversationText(const ConversationReport& r, const KnowledgeBase& kb, bool color) {
  const UiTexts& ui = kb.Ui(r.ui_language);
  const UiTexts& en = kb.Ui("en");
  auto conv = [&](const std::string& key) { return Text(ui, en, &UiTexts::conversation, key); };
  auto bold = [&](const std::string& s) { return color ? "\033[1m" + s + "\033[0m" : s; };
  const Conversation& c = r.conversation;
  std::ostringstream out;
  out << bold(r.summary) << " (" << r.risk << "/100)\n";
  if (!c.truncated.empty()) out << conv("truncated") << ": " << c.truncated << "\n";

  out << "\n" << bold(conv("heading_turn")) << "\n";
  if (r.turn) {
    const ConversationMessage& m = c.messages[*r.turn];
    out << "  " << FillIn(FillIn(conv("turn"), "{n}", std::to_string(*r.turn + 1)), "{sender}", m.sender);
    if (m.time) out << " (" << ReadableTime(*m.time) << ")";
    out << "\n  «" << Short(m.text) << "»\n";
  } else {
    out << "  " << conv("no_turn") << "\n";
  }

  if (!r.red_flags.empty()) {
    out << "\n" << bold(Text(ui, en, &UiTexts::headings, "red_flags")) << "\n";
    for (const ConversationFlag& f : r.red_flags) {
      out << "  [" << Text(ui, en, &UiTexts::severity, f.severity) << "] " << bold(f.title) << " — " << f.participant
          << "\n    " << f.explanation << "\n";
      for (const ConversationEvidence& e : f.evidence) {
        out << "    " << conv("message") << " " << e.message + 1 << ": «" << Short(e.text) << "»";
        if (!e.note.empty()) out << " (" << e.note << ")";
        out << "\n";
      }
    }
  }

  out << "\n" << bold(conv("heading_participants")) << "\n";
  for (const Participant& p : r.participants)
    out << "  " << p.name << ": " << conv("role_" + p.role) << " (" << p.messages << " " << conv("messages") << ")\n";

  out << "\n" << bold(conv("heading_messages")) << "\n";
  for (size_t i = 0; i < c.messages.size(); ++i) {
    const ConversationMessage& m = c.messages[i];
    const MessageResult& res = r.messages[i];
    out << (r.turn && *r.turn == i ? "→ " : "  ") << "#" << i + 1;
    if (m.time) out << "  " << ReadableTime(*m.time).substr(0, 16);
    if (m.system != SystemKind::kNone) {
      out << "  (" << conv("system_line") << ") " << Short(m.text) << "\n";
      continue;
    }
    out << "  " << m.sender << ": " << Short(m.text) << "\n";
    if (res.report && (!res.stage.empty() || res.report->verdict != Verdict::kNoRedFlags)) {
      out << "       ";
      if (!res.stage.empty()) out << "[" << Text(ui, en, &UiTexts::stages, res.stage) << "]";
      if (!res.stage.empty() && !res.report->red_flags.empty()) out << " ";
      for (size_t k = 0; k < res.report->red_flags.size(); ++k)
        out << (k ? ", " : "") << res.report->red_flags[k].title;
      out << "\n";
    } else if (!res.report) {
      out << "       (" << res.error.message() << ")\n";
    }
  }
  for (const std::string& note : c.notes) out << "  * " << note << "\n";

  if (r.riskiest && r.messages[*r.riskiest].report->verdict != Verdict::kNoRedFlags) {
    out << "\n" << bold(conv("message") + " " + std::to_string(*r.riskiest + 1)) << "\n";
    out << RenderReportText(*r.messages[*r.riskiest].report, c.messages[*r.riskiest].text, kb, color);
  }
  return out.str();
}

}  // namespace redflag
