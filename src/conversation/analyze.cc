#include "conversation/analyze.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "judge/judge.h"

namespace redflag {
namespace {

const std::set<std::string> kRequestFlags = {"code_request", "credential_request", "payment_request",
                                             "install_request", "fee_to_release"};
const std::set<std::string> kIsolationFlags = {"secrecy", "move_to_other_app"};
const std::set<std::string> kPressureFlags = {"urgency", "threat"};
// Signs that a sender speaks for a company.
const std::set<std::string> kClaimFlags = {"brand_impersonation", "sender_not_official", "channel_never_used"};

bool HasAny(const Report& r, const std::set<std::string>& ids) {
  return std::any_of(r.red_flags.begin(), r.red_flags.end(), [&](const RedFlag& f) { return ids.count(f.id) > 0; });
}

// Where a reply is a one-time code: the whole message is a code of 4 to 8 digits ("482913", "482-913",
// "code: 4829", read out on a call as "4 8 2 9 1 3"), not a sum ("5000 rupees", "$1500"). std::nullopt when
// it is not.
std::optional<std::pair<uint32_t, uint32_t>> CodeReply(const std::string& text) {
  static const RE2 kCode(R"(^\D{0,24}?(\d{3}[- ]\d{3}|\d{4,8}|\d(?:[ -]\d){3,7})\D{0,24}$)");
  re2::StringPiece code;
  if (!RE2::FullMatch(text, kCode, &code)) return std::nullopt;
  uint32_t start = static_cast<uint32_t>(code.data() - text.data());
  uint32_t end = start + static_cast<uint32_t>(code.size());
  static const RE2 kSumAfter(
      R"((?i)^\s*(rs|rupe|rupay|pkr|inr|usd|\$|dollar|euro|€|£|pound|naira|ngn|taka|aed|dirham|k\b))");
  static const RE2 kSumBefore(R"((?i)(rs\.?|pkr|inr|usd|\$|€|£|aed)\s*$)");
  re2::StringPiece before(text.data(), start), after(text.data() + end, text.size() - end);
  if (RE2::PartialMatch(after, kSumAfter) || RE2::PartialMatch(before, kSumBefore)) return std::nullopt;
  return std::make_pair(start, end);
}

bool ClaimsBrand(const Report& r) {
  if (HasAny(r, kClaimFlags)) return true;
  return std::any_of(r.brands.begin(), r.brands.end(),
                     [](const BrandMention& b) { return b.how == "claimed" || b.how == "sender" || b.how == "disguised"; });
}

std::string StageOf(const Report& r) {
  if (HasAny(r, kRequestFlags)) return "request";
  if (HasAny(r, kIsolationFlags)) return "isolation";
  if (HasAny(r, kPressureFlags)) return "pressure";
  if (!r.red_flags.empty()) return "problem";
  return "";
}

// Evidence of a flag in message `index`, as conversation evidence: text-field
// spans only, since the sender's name is not part of the message text.
ConversationEvidence EvidenceFrom(size_t index, const Report& r, const std::set<std::string>& ids,
                                  const std::string& note) {
  ConversationEvidence e;
  e.message = index;
  e.note = note;
  for (const RedFlag& f : r.red_flags) {
    if (!ids.empty() && !ids.count(f.id)) continue;
    for (const Evidence& ev : f.evidence) {
      if (ev.field != Field::kText) continue;
      e.start = ev.start;
      e.end = ev.end;
      e.text = ev.text;
      return e;
    }
  }
  for (const BrandMention& b : r.brands)
    for (const Evidence& ev : b.evidence)
      if (ev.field == Field::kText && ids.empty()) {
        e.start = ev.start, e.end = ev.end, e.text = ev.text;
        return e;
      }
  return e;  // the whole message: start = end = 0 with empty text means "this message"
}

class Judge {
 public:
  Judge(const Analyzer& analyzer, const ConversationOptions& options, ConversationReport* out)
      : kb_(analyzer.knowledge()), options_(options), out_(out) {}

  void AddFlag(const std::string& id, double strength, const std::string& participant,
               std::vector<ConversationEvidence> evidence) {
    const UiTexts& ui = kb_.Ui(out_->ui_language);
    const UiTexts& en = kb_.Ui("en");
    ConversationFlag f;
    f.id = id;
    auto texts = ui.flags.count(id) ? ui.flags.at(id) : en.flags.count(id) ? en.flags.at(id)
                                                                            : std::pair<std::string, std::string>{id, ""};
    f.title = texts.first;
    f.explanation = texts.second;
    const FlagInfo* info = kb_.FindFlag(id);
    f.severity = info ? info->severity : "high";
    f.strength = strength;
    f.participant = participant;
    // Fill empty spans with the whole message so every piece of evidence shows text.
    for (auto& e : evidence) {
      if (e.end == 0 && e.message < out_->conversation.messages.size()) {
        const std::string& t = out_->conversation.messages[e.message].text;
        e.start = 0;
        e.end = static_cast<uint32_t>(t.size());
        e.text = t;
      }
    }
    f.evidence = std::move(evidence);
    out_->red_flags.push_back(std::move(f));
  }

  double Weight(const std::string& id) const {
    const FlagInfo* info = kb_.FindFlag(id);
    return info ? info->weight : 0;
  }

  const KnowledgeBase& kb_;
  const ConversationOptions& options_;
  ConversationReport* out_;
};

}  // namespace

ConversationReport AnalyzeConversation(const Analyzer& analyzer, Conversation conversation,
                                       const ConversationOptions& options) {
  ConversationReport out;
  out.conversation = std::move(conversation);
  const Conversation& conv = out.conversation;
  const KnowledgeBase& kb = analyzer.knowledge();
  out.messages.resize(conv.messages.size());

  // 1. Each message a person wrote, on its own.
  for (size_t i = 0; i < conv.messages.size(); ++i) {
    const ConversationMessage& cm = conv.messages[i];
    if (cm.system != SystemKind::kNone) continue;
    Message m;
    m.text = cm.text;
    m.channel = conv.channel;
    m.from = cm.sender;
    m.country = options.country;
    m.lang = options.lang;
    StatusOr<Report> r = analyzer.Analyze(m);
    if (!r.ok()) {
      out.messages[i].error = r.status();
      continue;
    }
    out.messages[i].report = std::move(*r);
    out.messages[i].stage = StageOf(*out.messages[i].report);
  }

  // The riskiest message sets the language, the advice and the base risk.
  int base = 0;
  for (size_t i = 0; i < out.messages.size(); ++i) {
    const auto& r = out.messages[i].report;
    if (r && (!out.riskiest || r->risk > base)) {
      base = r->risk;
      out.riskiest = i;
    }
  }
  out.ui_language = !options.lang.empty() ? options.lang
                    : out.riskiest        ? out.messages[*out.riskiest].report->ui_language
                                          : "en";

  // 2. Participants, in order of first message.
  std::map<std::string, size_t> where;
  for (size_t i = 0; i < conv.messages.size(); ++i) {
    const ConversationMessage& cm = conv.messages[i];
    if (cm.system != SystemKind::kNone || cm.sender.empty()) continue;
    auto [it, added] = where.emplace(cm.sender, out.participants.size());
    if (added) out.participants.push_back({cm.sender, cm.sender == conv.self ? "reader" : "participant", 0, i});
    ++out.participants[it->second].messages;
  }

  // 3. What only the whole conversation shows, sender by sender.
  Judge judge(analyzer, options, &out);
  // Evidence notes are texts of knowledge/i18n (conversation.note_*), English when missing.
  auto note = [&](const std::string& key) {
    const UiTexts& ui = kb.Ui(out.ui_language);
    const UiTexts& en = kb.Ui("en");
    if (auto it = ui.conversation.find(key); it != ui.conversation.end()) return it->second;
    if (auto it = en.conversation.find(key); it != en.conversation.end()) return it->second;
    return key;
  };
  bool scam_across_messages = false;
  for (const Participant& p : out.participants) {
    if (p.role == "reader") continue;
    std::vector<size_t> mine;
    for (size_t i = 0; i < conv.messages.size(); ++i)
      if (conv.messages[i].sender == p.name && out.messages[i].report) mine.push_back(i);
    auto report = [&](size_t i) -> const Report& { return *out.messages[i].report; };

    // A scam combination (policy.yaml) over all of one sender's messages: the request in one, the secrecy
    // or the pressure in the next, as people write in chats and speak on calls.
    Findings all_mine;
    for (size_t i : mine)
      for (const RedFlag& f : report(i).red_flags)
        for (const Evidence& e : f.evidence) all_mine.Add(f.id, f.strength, e);
    scam_across_messages = scam_across_messages || AnyCombinationHolds(kb.scam_combinations, all_mine);
    auto first_with_stage = [&](const std::string& stage) -> std::optional<size_t> {
      for (size_t i : mine)
        if (out.messages[i].stage == stage) return i;
      return std::nullopt;
    };
    std::optional<size_t> request = first_with_stage("request");

    // behaviour_change: plain history, then a request.
    if (request) {
      std::vector<size_t> plain;
      for (size_t i : mine)
        if (i < *request && report(i).verdict == Verdict::kNoRedFlags) plain.push_back(i);
      bool enough = plain.size() >= options.min_history_messages;
      std::string days_text;
      if (enough && !plain.empty()) {
        auto t0 = conv.messages[plain.front()].time, t1 = conv.messages[*request].time;
        if (t0 && t1) {
          int64_t days = (*t1 - *t0) / 86400;
          enough = days >= options.min_history_days;
          days_text = std::to_string(days);
        } else {
          enough = plain.size() >= 2 * options.min_history_messages;  // no dates: ask for a longer history
        }
      }
      if (enough) {
        std::string history = FillIn(note(days_text.empty() ? "note_history" : "note_history_days"), "{n}",
                                     std::to_string(plain.size()));
        history = FillIn(history, "{days}", days_text);
        judge.AddFlag("behaviour_change", 0.8, p.name,
                      {EvidenceFrom(plain.front(), report(plain.front()), {}, note("note_first_ordinary")),
                       EvidenceFrom(*request, report(*request), kRequestFlags, history)});
      }
    }

    // conversation_escalation: story, then request; or request, then isolation or pressure.
    if (request) {
      std::vector<ConversationEvidence> steps;
      std::optional<size_t> story;
      for (size_t i : mine)
        if (i < *request && out.messages[i].stage == "problem") { story = i; break; }
      bool new_number = story && HasAny(report(*story), {"new_number"});
      if (story) steps.push_back(EvidenceFrom(*story, report(*story), {}, note(new_number ? "note_new_number" : "note_problem")));
      steps.push_back(EvidenceFrom(*request, report(*request), kRequestFlags,
                                   note(new_number ? "note_then_request" : "note_request")));
      for (size_t i : mine) {
        if (i <= *request) continue;
        const std::string& s = out.messages[i].stage;
        if (s == "isolation" || s == "pressure" || (s == "request" && HasAny(report(i), kIsolationFlags))) {
          steps.push_back(EvidenceFrom(i, report(i), HasAny(report(i), kIsolationFlags) ? kIsolationFlags : kPressureFlags,
                                       note(s == "pressure" ? "note_pressure" : "note_isolation")));
          break;
        }
      }
      if (steps.size() >= 2) judge.AddFlag("conversation_escalation", new_number ? 0.9 : 0.7, p.name, std::move(steps));
    }

    // code_shared: a code request, then someone else answers with a code.
    for (size_t i : mine) {
      if (!HasAny(report(i), {"code_request"})) continue;
      for (size_t k = i + 1; k < conv.messages.size(); ++k) {
        const ConversationMessage& reply = conv.messages[k];
        if (reply.system != SystemKind::kNone || reply.sender == p.name) continue;
        if (auto code = CodeReply(reply.text)) {
          ConversationEvidence sent{k, code->first, code->second,
                                    reply.text.substr(code->first, code->second - code->first),
                                    note("note_code_sent")};
          judge.AddFlag(
              "code_shared", 1.0, p.name,
              {EvidenceFrom(i, report(i), {"code_request"}, note("note_code_asked")), std::move(sent)});
          break;
        }
      }
      break;
    }

    // support_moves_chat and fake_official_group: speaks for a brand, then ...
    std::optional<size_t> claim;
    for (size_t i : mine)
      if (ClaimsBrand(report(i))) { claim = i; break; }
    if (claim) {
      for (size_t i : mine) {
        if (HasAny(report(i), {"move_to_other_app"})) {
          judge.AddFlag("support_moves_chat", 0.8, p.name,
                        {EvidenceFrom(*claim, report(*claim), kClaimFlags, note("note_claims_brand")),
                         EvidenceFrom(i, report(i), {"move_to_other_app"}, note("note_moves_chat"))});
          break;
        }
      }
      if (out.participants.size() >= 3) {
        for (size_t i : mine) {
          if (HasAny(report(i), {"payment_request", "prize", "fee_to_release"})) {
            judge.AddFlag("fake_official_group", 0.8, p.name,
                          {EvidenceFrom(*claim, report(*claim), kClaimFlags, note("note_claims_brand")),
                           EvidenceFrom(i, report(i), {"payment_request", "prize", "fee_to_release"},
                                        note("note_money_or_gains"))});
            break;
          }
        }
      }
    }
  }
  // Where several flags name the same sender and message, keep them all: each says something else.

  // 4. Risk, verdict and the turn.
  double keep = 1.0 - base / 100.0;
  for (const ConversationFlag& f : out.red_flags) keep *= 1.0 - judge.Weight(f.id) * f.strength;
  out.risk = static_cast<int>(std::lround(100.0 * (1.0 - keep)));
  if (scam_across_messages) out.risk = std::max(out.risk, std::min(99, kb.thresholds.scam + 20));
  out.verdict = out.risk >= kb.thresholds.scam         ? Verdict::kScam
                : out.risk >= kb.thresholds.suspicious ? Verdict::kSuspicious
                                                       : Verdict::kNoRedFlags;
  const UiTexts& ui = kb.Ui(out.ui_language);
  const UiTexts& en = kb.Ui("en");
  std::string verdict(VerdictName(out.verdict));
  out.summary = ui.verdicts.count(verdict) ? ui.verdicts.at(verdict) : en.verdicts.at(verdict);
  for (size_t i = 0; i < out.messages.size(); ++i) {
    const auto& r = out.messages[i].report;
    if (r && r->risk >= kb.thresholds.suspicious) {
      out.turn = i;
      break;
    }
  }
  if (!out.turn && !out.red_flags.empty()) {
    for (const auto& f : out.red_flags)
      for (const auto& e : f.evidence)
        if (!out.turn || e.message < *out.turn) out.turn = e.message;
  }

  // 5. Roles and the "trust" stage: plain messages of a suspect before their first request.
  std::set<std::string> suspects;
  for (size_t i = 0; i < out.messages.size(); ++i)
    if (out.messages[i].report && out.messages[i].report->verdict != Verdict::kNoRedFlags)
      suspects.insert(conv.messages[i].sender);
  for (const auto& f : out.red_flags) suspects.insert(f.participant);
  for (Participant& p : out.participants)
    if (p.role != "reader" && suspects.count(p.name)) p.role = "suspect";
  for (const std::string& s : suspects) {
    if (s == conv.self) continue;
    for (size_t i = 0; i < out.messages.size(); ++i) {
      if (conv.messages[i].sender != s || !out.messages[i].report) continue;
      if (!out.messages[i].stage.empty()) break;
      out.messages[i].stage = "trust";
    }
  }

  // 6. Known scams, riskiest message first.
  std::vector<size_t> order;
  for (size_t i = 0; i < out.messages.size(); ++i)
    if (out.messages[i].report) order.push_back(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return out.messages[a].report->risk > out.messages[b].report->risk; });
  std::set<std::string> seen;
  for (size_t i : order)
    for (const ScamMatch& s : out.messages[i].report->scams)
      if (seen.insert(s.id).second) out.scams.push_back(s);
  return out;
}

}  // namespace redflag
