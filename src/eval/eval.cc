#include "eval/eval.h"

#include <algorithm>
#include <cstdio>

#include "model/neutralize.h"

namespace redflag {

std::string WithoutCorpusCues(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    size_t end = text.find_first_of(" \t\r\n", i);
    if (end == std::string::npos) end = text.size();
    std::string_view word(text.data() + i, end - i);
    if (!IsEmailAddress(word)) {
      for (char c : word) out.push_back(c >= '0' && c <= '9' ? 'X' : c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
    }
    if (end < text.size()) out.push_back(text[end]);
    i = end + 1;
  }
  return out;
}
namespace {

int VerdictIndex(Verdict v) { return v == Verdict::kScam ? 0 : v == Verdict::kSuspicious ? 1 : 2; }
double Share(int64_t part, int64_t whole) { return whole == 0 ? 0 : static_cast<double>(part) / whole; }
const char* kLabelNames[] = {"scam", "spam", "ham"};

// Keeps the `keep` examples that rank worst by `worse`.
template <typename Worse>
void KeepWorst(std::vector<EvalExample>* list, size_t keep, EvalExample e, Worse worse) {
  if (keep == 0) return;
  auto at = std::upper_bound(list->begin(), list->end(), e, worse);
  if (static_cast<size_t>(at - list->begin()) >= keep) return;
  list->insert(at, std::move(e));
  if (list->size() > keep) list->pop_back();
}

std::string Percent(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %%", 100 * x);
  return buf;
}
std::string Percent2(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f %%", 100 * x);
  return buf;
}
std::string Fixed(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", x);
  return buf;
}

nlohmann::ordered_json CountsJson(const EvalCounts& c) {
  nlohmann::ordered_json j;
  j["rows"] = {{"scam", c.rows(Label::kScam)}, {"spam", c.rows(Label::kSpam)}, {"ham", c.rows(Label::kHam)}};
  j["scam_recall"] = c.ScamRecall();
  j["strict_scam_recall"] = c.StrictScamRecall();
  j["false_alarm_rate"] = c.FalseAlarmRate();
  j["precision"] = c.Precision();
  j["f1"] = c.F1();
  j["spam_warned"] = c.SpamWarned();
  j["evidence_share"] = c.EvidenceShare();
  j["named_share"] = c.NamedShare();
  nlohmann::ordered_json m;
  for (int l = 0; l < 3; ++l)
    m[kLabelNames[l]] = {{"scam", c.confusion[l][0]}, {"suspicious", c.confusion[l][1]},
                         {"no_red_flags", c.confusion[l][2]}};
  j["confusion"] = m;
  return j;
}

nlohmann::ordered_json ExamplesJson(const std::vector<EvalExample>& list) {
  nlohmann::ordered_json a = nlohmann::ordered_json::array();
  for (const auto& e : list)
    a.push_back({{"id", e.id}, {"dataset", e.dataset}, {"risk", e.risk},
                 {"verdict", std::string(VerdictName(e.verdict))}, {"text", e.text}});
  return a;
}

}  // namespace

bool ParseLabel(const std::string& text, Label* label) {
  for (int i = 0; i < 3; ++i)
    if (text == kLabelNames[i]) {
      *label = static_cast<Label>(i);
      return true;
    }
  return false;
}

int64_t EvalCounts::rows(Label l) const {
  const int64_t* r = confusion[static_cast<int>(l)];
  return r[0] + r[1] + r[2];
}
double EvalCounts::ScamRecall() const {
  const int64_t* r = confusion[0];
  return Share(r[0] + r[1], rows(Label::kScam));
}
double EvalCounts::StrictScamRecall() const { return Share(confusion[0][0], rows(Label::kScam)); }
double EvalCounts::FalseAlarmRate() const {
  const int64_t* r = confusion[2];
  return Share(r[0] + r[1], rows(Label::kHam));
}
double EvalCounts::Precision() const {
  int64_t tp = confusion[0][0] + confusion[0][1], fp = confusion[2][0] + confusion[2][1];
  return Share(tp, tp + fp);
}
double EvalCounts::F1() const {
  double p = Precision(), r = ScamRecall();
  return p + r == 0 ? 0 : 2 * p * r / (p + r);
}
double EvalCounts::SpamWarned() const {
  const int64_t* r = confusion[1];
  return Share(r[0] + r[1], rows(Label::kSpam));
}
double EvalCounts::EvidenceShare() const { return warned == 0 ? 1 : Share(warned_with_evidence, warned); }
int64_t EvalCounts::ScamWarned() const { return confusion[0][0] + confusion[0][1]; }
double EvalCounts::NamedShare() const { return Share(scam_warned_named, ScamWarned()); }

void Evaluation::Add(Label label, const std::string& group, const std::string& id, const std::string& dataset,
                     const std::string& text, const Report& report) {
  bool warned = report.verdict != Verdict::kNoRedFlags;
  bool evidence = std::all_of(report.red_flags.begin(), report.red_flags.end(),
                              [](const RedFlag& f) { return !f.evidence.empty(); }) &&
                  !report.red_flags.empty();
  for (EvalCounts* c : {&overall_, by_.empty() ? nullptr : &groups_[group]}) {
    if (c == nullptr) continue;
    ++c->confusion[static_cast<int>(label)][VerdictIndex(report.verdict)];
    if (warned) ++c->warned, c->warned_with_evidence += evidence;
    if (warned && label == Label::kScam && !report.scams.empty()) ++c->scam_warned_named;
  }
  EvalExample e{id, dataset, text, report.risk, report.verdict};
  if (label == Label::kScam && !warned)
    KeepWorst(&misses_, keep_, std::move(e), [](const EvalExample& a, const EvalExample& b) { return a.risk < b.risk; });
  else if (label == Label::kHam && warned)
    KeepWorst(&false_alarms_, keep_, std::move(e),
              [](const EvalExample& a, const EvalExample& b) { return a.risk > b.risk; });
}

nlohmann::ordered_json Evaluation::ToJson() const {
  nlohmann::ordered_json j;
  j["schema"] = "redflag.eval/1";
  j["overall"] = CountsJson(overall_);
  if (!by_.empty()) {
    j["by"] = by_;
    nlohmann::ordered_json g;
    for (const auto& [name, c] : groups_) g[name.empty() ? "(none)" : name] = CountsJson(c);
    j["groups"] = g;
  }
  j["failed_lines"] = failures_;
  if (keep_ > 0) {
    j["worst_misses"] = ExamplesJson(misses_);
    j["worst_false_alarms"] = ExamplesJson(false_alarms_);
  }
  return j;
}

std::string Evaluation::ToText() const {
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "%-24s %7s %7s %7s %7s %8s %7s %8s %6s %6s %8s %7s\n",
                by_.empty() ? "" : by_.c_str(), "scam", "recall", "strict", "ham", "false-al", "spam",
                "spam-war", "prec", "F1", "evidence", "named");
  out += line;
  auto row = [&](const std::string& name, const EvalCounts& c) {
    std::snprintf(line, sizeof line, "%-24s %7lld %7s %7s %7lld %8s %7lld %8s %6s %6s %8s %7s\n",
                  name.c_str(), static_cast<long long>(c.rows(Label::kScam)), Percent(c.ScamRecall()).c_str(),
                  Percent(c.StrictScamRecall()).c_str(), static_cast<long long>(c.rows(Label::kHam)),
                  Percent2(c.FalseAlarmRate()).c_str(), static_cast<long long>(c.rows(Label::kSpam)),
                  Percent(c.SpamWarned()).c_str(), Fixed(c.Precision()).c_str(), Fixed(c.F1()).c_str(),
                  Percent(c.EvidenceShare()).c_str(),
                  c.ScamWarned() > 0 ? Percent(c.NamedShare()).c_str() : "-");
    out += line;
  };
  for (const auto& [name, c] : groups_) row(name.empty() ? "(none)" : name, c);
  row("overall", overall_);
  out += "\nconfusion (rows: label; columns: scam / suspicious / no_red_flags)\n";
  auto matrix = [&](const std::string& name, const EvalCounts& c) {
    std::string cells;
    for (int l = 0; l < 3; ++l) {
      if (c.rows(static_cast<Label>(l)) == 0) continue;
      std::snprintf(line, sizeof line, "  %s %lld/%lld/%lld", kLabelNames[l], static_cast<long long>(c.confusion[l][0]),
                    static_cast<long long>(c.confusion[l][1]), static_cast<long long>(c.confusion[l][2]));
      cells += line;
    }
    out += name + ":" + cells + "\n";
  };
  for (const auto& [name, c] : groups_) matrix(name.empty() ? "(none)" : name, c);
  matrix("overall", overall_);
  // append(), not "\n" + std::to_string(...): GCC 12 warns of a -Wrestrict overlap that cannot happen.
  if (failures_ > 0)
    out.append("\n").append(std::to_string(failures_)).append(" lines could not be read or analysed\n");
  auto examples = [&](const char* title, const std::vector<EvalExample>& list) {
    if (list.empty()) return;
    out += std::string("\n") + title + "\n";
    for (const auto& e : list) {
      std::string text = e.text.size() > 300 ? e.text.substr(0, 300) + "..." : e.text;
      std::replace(text.begin(), text.end(), '\n', ' ');
      std::snprintf(line, sizeof line, "  [%s %s risk %d %s] ", e.dataset.c_str(), e.id.c_str(), e.risk,
                    std::string(VerdictName(e.verdict)).c_str());
      out += line + text + "\n";
    }
  };
  if (keep_ > 0) {
    examples("worst misses (scam rows with no red flags, lowest risk first):", misses_);
    examples("worst false alarms (ham rows warned, highest risk first):", false_alarms_);
  }
  return out;
}

std::string Evaluation::ToMarkdown() const {
  std::string out =
      "| " + (by_.empty() ? std::string("rows") : by_) +
      " | scam rows | scam recall | strict | ham rows | false alarms | spam rows | spam warned |"
      " precision | F1 | evidence | named |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  auto row = [&](const std::string& name, const EvalCounts& c) {
    auto n = [](int64_t v) { return v == 0 ? std::string("–") : std::to_string(v); };
    bool scam = c.rows(Label::kScam) > 0, ham = c.rows(Label::kHam) > 0, spam = c.rows(Label::kSpam) > 0;
    out += "| " + name + " | " + n(c.rows(Label::kScam)) + " | " + (scam ? Percent(c.ScamRecall()) : "–") +
           " | " + (scam ? Percent(c.StrictScamRecall()) : "–") + " | " + n(c.rows(Label::kHam)) + " | " +
           (ham ? Percent2(c.FalseAlarmRate()) : "–") + " | " + n(c.rows(Label::kSpam)) + " | " +
           (spam ? Percent(c.SpamWarned()) : "–") + " | " + (scam && ham ? Fixed(c.Precision()) : "–") +
           " | " + (scam && ham ? Fixed(c.F1()) : "–") + " | " + Percent(c.EvidenceShare()) + " | " +
           (c.ScamWarned() > 0 ? Percent(c.NamedShare()) : "–") + " |\n";
  };
  for (const auto& [name, c] : groups_) row(name.empty() ? "(none)" : name, c);
  row("**all**", overall_);
  return out;
}

}  // namespace redflag
