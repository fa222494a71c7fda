#include "report/text.h"

#include <algorithm>
#include <sstream>

namespace redflag {
namespace {

constexpr size_t kShownMessageBytes = 4000;  // longer messages are cut when shown back

struct Style {
  bool color;
  std::string Bold(const std::string& s) const { return color ? "\033[1m" + s + "\033[0m" : s; }
  std::string Verdict(Verdict v, const std::string& s) const {
    if (!color) return s;
    const char* c = v == Verdict::kScam ? "\033[1;41;97m" : v == Verdict::kSuspicious ? "\033[1;43;30m" : "\033[1;42;30m";
    return std::string(c) + " " + s + " \033[0m";
  }
};

std::string Heading(const UiTexts& ui, const UiTexts& en, const std::string& key) {
  if (auto it = ui.headings.find(key); it != ui.headings.end()) return it->second;
  if (auto it = en.headings.find(key); it != en.headings.end()) return it->second;
  return key;
}

}  // namespace

std::string MarkSpans(const std::string& text, std::vector<std::pair<uint32_t, uint32_t>> spans,
                      const std::string& open, const std::string& close) {
  std::sort(spans.begin(), spans.end());
  std::vector<std::pair<uint32_t, uint32_t>> merged;
  for (auto s : spans) {
    if (s.second > text.size() || s.first >= s.second) continue;
    if (!merged.empty() && s.first <= merged.back().second) merged.back().second = std::max(merged.back().second, s.second);
    else merged.push_back(s);
  }
  std::string out;
  size_t at = 0;
  for (auto [a, b] : merged) {
    out += text.substr(at, a - at) + open + text.substr(a, b - a) + close;
    at = b;
  }
  return out + text.substr(at);
}

std::string RenderReportText(const Report& r, const std::string& message_text, const KnowledgeBase& kb, bool color) {
  const UiTexts& ui = kb.Ui(r.ui_language);
  const UiTexts& en = kb.Ui("en");
  Style style{color};
  std::ostringstream out;
  out << style.Verdict(r.verdict, r.summary) << "  (risk " << r.risk << "/100)\n";
  if (r.input.ocr_confidence >= 0) {  // say the words were read from a picture, and how surely
    std::string note = Heading(ui, en, "from_ocr");
    if (size_t at = note.find("{confidence}"); at != std::string::npos)
      note.replace(at, 12, std::to_string(static_cast<int>(r.input.ocr_confidence + 0.5)));
    out << note << "\n";
  }

  if (!r.red_flags.empty()) {
    bool weak = r.verdict == Verdict::kNoRedFlags;  // flags below the threshold, listed all the same
    out << "\n" << style.Bold(Heading(ui, en, weak ? "weak_signs" : "red_flags")) << "\n";
    int n = 0;
    for (const RedFlag& f : r.red_flags) {
      std::string severity = ui.severity.count(f.severity) ? ui.severity.at(f.severity) : f.severity;
      out << " " << ++n << ". " << style.Bold(f.title) << " [" << severity << "]\n";
      if (!f.explanation.empty()) out << "    " << f.explanation << "\n";
      for (const Evidence& e : f.evidence) {
        out << "    " << Heading(ui, en, "evidence") << ": \"" << e.text << "\"";
        if (e.field != Field::kText) out << " (" << FieldName(e.field) << ")";
        if (!e.note.empty()) out << " - " << e.note;
        out << "\n";
      }
    }
    std::vector<std::pair<uint32_t, uint32_t>> spans;
    for (const RedFlag& f : r.red_flags)
      for (const Evidence& e : f.evidence)
        if (e.field == Field::kText) spans.push_back({e.start, e.end});
    std::string shown = message_text.size() > kShownMessageBytes ? message_text.substr(0, kShownMessageBytes)
                                                                 : message_text;
    out << "\n"
        << MarkSpans(shown, spans, color ? "\033[1;4;31m" : "\u00ab", color ? "\033[0m" : "\u00bb")
        << (shown.size() < message_text.size() ? " [...]" : "") << "\n";
  } else if (auto it = ui.headings.find("no_flags_hint"); it != ui.headings.end()) {
    out << it->second << "\n";
  }
  if (!r.scams.empty()) {
    out << "\n" << style.Bold(Heading(ui, en, "scams")) << "\n";
    for (const ScamMatch& s : r.scams) out << " - " << s.name << " (" << s.family << ")\n";
  }
  bool any_contact = false;
  for (const ContactVerdict& c : r.contacts) {
    if (!any_contact) out << "\n" << style.Bold(Heading(ui, en, "contacts")) << "\n";
    any_contact = true;
    out << " - " << c.value << ": " << c.explanation << "\n";
  }
  if (!r.advice.protect.empty()) {
    out << "\n" << style.Bold(Heading(ui, en, "protect")) << "\n";
    for (const AdviceItem& a : r.advice.protect) out << " - " << a.text << "\n";
  }
  if (!r.advice.recover.empty()) {
    out << "\n" << style.Bold(Heading(ui, en, "recover")) << "\n";
    // A scam's advice comes by stage ("if you paid"): each stage under its own line, as the web page shows
    // it.
    const std::string* stage = nullptr;
    for (const AdviceItem& a : r.advice.recover) {
      if (!a.when.empty() && (stage == nullptr || *stage != a.when))
        out << " " << Heading(ui, en, "when_" + a.when) << "\n";
      stage = &a.when;
      out << (a.when.empty() ? " - " : "   - ") << a.text << "\n";
    }
  }
  if (!r.advice.report.empty()) {
    // With no red flags, the list is for a reader who still has doubts, not a call to report.
    out << "\n"
        << style.Bold(Heading(ui, en, r.verdict == Verdict::kNoRedFlags ? "report_if_unsure" : "report"))
        << "\n";
    for (const ReportContact& c : r.advice.report) {
      out << " - " << (c.name.empty() ? c.what : c.name + ": " + c.what);
      for (const std::string* v : {&c.url, &c.phone, &c.email})
        if (!v->empty()) out << " " << *v;
      if (!c.sms.empty()) out << " (SMS " << c.sms << ")";
      out << "\n";
    }
  }
  return out.str();
}

}  // namespace redflag
