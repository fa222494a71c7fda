#include "judge/judge.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace redflag {
namespace {

bool Satisfies(const Findings& f, const std::vector<std::string>& all, const std::vector<std::string>& any) {
  for (const auto& id : all)
    if (!f.Has(id)) return false;
  return any.empty() || std::any_of(any.begin(), any.end(), [&](const std::string& id) { return f.Has(id); });
}

int SeverityRank(const std::string& s) { return s == "high" ? 0 : s == "medium" ? 1 : 2; }

// A scam's rule as a number: the more it requires, the more specific a match is.
// A channel counts only when the message's channel is known and checked.
int Specificity(const ScamRule& r, bool channel_known) {
  return static_cast<int>(r.all.size()) * 2 + (r.any.empty() ? 0 : 1) +
         (r.brands.empty() && r.brand_categories.empty() ? 0 : 3) +
         (r.channels.empty() || !channel_known ? 0 : 2);
}

// Whether the message names one of the brands, or a brand of one of the kinds of brand, that `r` asks for.
bool NamesRuleBrand(const KnowledgeBase& kb, const ScamRule& r, const std::set<std::string>& brands) {
  if (std::any_of(r.brands.begin(), r.brands.end(), [&](const std::string& b) { return brands.count(b); }))
    return true;
  if (r.brand_categories.empty()) return false;
  return std::any_of(brands.begin(), brands.end(), [&](const std::string& id) {
    const Brand* b = kb.FindBrand(id);
    return b && std::find(r.brand_categories.begin(), r.brand_categories.end(), b->category) !=
                    r.brand_categories.end();
  });
}

// How well `r` names the message's scam, or -1 when it does not hold.
double RuleScore(const KnowledgeBase& kb, const JudgeInput& in, const ScamRule& r,
                 const std::set<std::string>& brands, const std::string& channel) {
  if (!Satisfies(*in.findings, r.all, r.any)) return -1;
  // A rule that names brands, or kinds of brand, needs one of them named in the message.
  if ((!r.brands.empty() || !r.brand_categories.empty()) && !NamesRuleBrand(kb, r, brands)) return -1;
  // A message of unknown channel may have come over any of them.
  if (!r.channels.empty() && !channel.empty() &&
      std::find(r.channels.begin(), r.channels.end(), channel) == r.channels.end())
    return -1;
  // Ties go to the rule whose flags carry more weight in this message.
  double weight = 0;
  for (const auto* list : {&r.all, &r.any})
    for (const auto& id : *list)
      if (const FlagHit* hit = in.findings->Get(id))
        if (const FlagInfo* info = kb.FindFlag(id)) weight += info->weight * hit->strength;
  return Specificity(r, !channel.empty()) + weight / 10;
}

// The scams whose rules (`fallback`: their fallback_match rules) hold, best first.
std::vector<std::pair<double, const Scam*>> RankScams(const KnowledgeBase& kb, const JudgeInput& in,
                                                      const std::set<std::string>& brands, bool fallback) {
  std::string channel(ChannelName(in.channel));
  std::vector<std::pair<double, const Scam*>> ranked;
  for (const Scam& s : kb.scams) {
    double best = -1;  // the scam's best rule that holds
    auto consider = [&](const ScamRule& r) { best = std::max(best, RuleScore(kb, in, r, brands, channel)); };
    if (fallback) {
      for (const ScamRule& r : s.fallback_match) consider(r);
    } else {
      consider(s.match);
      for (const ScamRule& r : s.also_match) consider(r);
    }
    if (best >= 0) ranked.push_back({best, &s});
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  return ranked;
}

void MatchScams(const KnowledgeBase& kb, const JudgeInput& in, Report* report) {
  std::set<std::string> brands;
  for (const auto& b : report->brands) brands.insert(b.id);
  std::vector<std::pair<double, const Scam*>> ranked = RankScams(kb, in, brands, /*fallback=*/false);
  if (ranked.empty()) ranked = RankScams(kb, in, brands, /*fallback=*/true);
  for (size_t i = 0; i < ranked.size() && i < 3; ++i) {
    const Scam& s = *ranked[i].second;
    report->scams.push_back({s.id, s.name.Get(in.lang), s.family.Get(in.lang)});
  }
}

void AddReportContacts(const std::vector<ReportingContact>& from, const std::string& lang,
                       std::vector<ReportContact>* to) {
  for (const auto& c : from)
    to->push_back({c.name.Get(lang), c.what.Get(lang), c.url, c.phone, c.email, c.sms});
}

void GiveAdvice(const KnowledgeBase& kb, const JudgeInput& in, Report* report) {
  const std::string& lang = in.lang;
  Advice& advice = report->advice;
  // Scams repeat advice across stages; say each thing once. A dozen texts: a list is enough.
  std::vector<const std::string*> given;
  auto add = [&](std::vector<AdviceItem>* to, const std::vector<LocalizedText>& items, const char* when) {
    for (const auto& t : items) {
      const std::string& text = t.Get(lang);
      if (std::any_of(given.begin(), given.end(), [&](const std::string* g) { return *g == text; })) continue;
      given.push_back(&text);
      to->push_back({when, text});
    }
  };
  if (report->verdict == Verdict::kNoRedFlags) {
    // "This looks like a real code notice" only where nothing else was noticed: beside a weak sign
    // ("your account will be suspended") it would contradict the list of weak signs above it.
    bool genuine_code_notice = in.code_delivery && report->red_flags.empty();
    add(&advice.protect, genuine_code_notice ? kb.advice.code_delivery : kb.advice.protect, "");
  } else if (!report->scams.empty()) {
    const Scam* scam = kb.FindScam(report->scams.front().id);
    static const std::vector<LocalizedText> kNone;
    auto stage = [&](const char* name) -> const std::vector<LocalizedText>& {
      auto it = scam->advice.find(name);
      return it == scam->advice.end() ? kNone : it->second;
    };
    add(&advice.protect, stage("before_replying"), "");
    for (const char* s : {"shared_code", "installed", "paid", "replied"}) add(&advice.recover, stage(s), s);
  } else {
    add(&advice.protect, kb.advice.protect, "");
    add(&advice.recover, kb.advice.recover, "");
  }
  if (report->verdict != Verdict::kNoRedFlags) {
    for (const auto& b : report->brands)
      if (const Brand* brand = kb.FindBrand(b.id); brand && b.how != "mentioned")
        AddReportContacts(brand->report, lang, &advice.report);
  }
  if (const Country* country = kb.FindCountry(in.country)) {
    AddReportContacts(country->report, lang, &advice.report);
  } else {
    for (const auto& t : kb.advice.report) advice.report.push_back({"", t.Get(lang), "", "", "", ""});
  }
}

// A red flag's title and explanation in the reader's language, naming the brand and channel.
void Explain(const UiTexts& ui, const UiTexts& en, Channel channel_id, const Report& report, RedFlag* flag) {
  std::string brand, channel = std::string(ChannelName(channel_id));
  for (const auto& b : report.brands)
    if (b.how != "mentioned") {
      brand = b.name;
      break;
    }
  if (brand.empty() && !report.brands.empty()) brand = report.brands.front().name;
  const std::string& id = flag->id;
  auto texts = ui.flags.count(id)   ? ui.flags.at(id)
               : en.flags.count(id) ? en.flags.at(id)
                                    : std::pair<std::string, std::string>{id, ""};
  std::string channel_words = ui.channels.count(channel) ? ui.channels.at(channel) : channel;
  flag->title = FillIn(FillIn(texts.first, "{brand}", brand), "{channel}", channel_words);
  flag->explanation = FillIn(FillIn(texts.second, "{brand}", brand), "{channel}", channel_words);
}

}  // namespace

double ModelFlagStrength(const KnowledgeBase& kb, double p, double suspicious_at, double scam_at,
                         const ModelContext& context) {
  if (p < suspicious_at) return 0;
  bool looks_genuine = (context.code_delivery && kb.model.code_notice_needs_scam) ||
                       (context.official_sender && kb.model.official_sender_needs_scam);
  if (looks_genuine && p < scam_at) return 0;
  if (context.only_official_contacts && kb.model.official_contacts_silence) return 0;
  double low = kb.thresholds.suspicious / 100.0, high = kb.thresholds.scam / 100.0;
  if (p < scam_at) return low + (high - low) * (p - suspicious_at) / (scam_at - suspicious_at);
  double top = 0.99;
  return scam_at >= 1 ? high : high + (top - high) * (p - scam_at) / (1 - scam_at);
}

bool AnyCombinationHolds(const std::vector<ScamCombination>& combinations, const Findings& findings) {
  return std::any_of(combinations.begin(), combinations.end(), [&](const ScamCombination& c) {
    for (const auto& id : c.all)
      if (const FlagHit* hit = findings.Get(id); hit == nullptr || hit->strength < c.min_strength)
        return false;
    return Satisfies(findings, {}, c.any);
  });
}

void JudgeReport(const KnowledgeBase& kb, const JudgeInput& in, Report* report) {
  const UiTexts& ui = kb.Ui(in.lang);
  const UiTexts& en = kb.Ui("en");
  // Noisy-OR: each flag alone could be innocent; together they add up.
  double keep = 1.0;
  for (const auto& [id, hit] : in.findings->all()) {
    const FlagInfo* info = kb.FindFlag(id);
    if (info == nullptr || !info->shown) continue;
    keep *= 1.0 - info->weight * hit.strength;
    RedFlag flag;
    flag.id = id;
    flag.severity = info->severity;
    flag.strength = hit.strength;
    flag.evidence = hit.evidence;
    if (in.explain) Explain(ui, en, in.channel, *report, &flag);
    report->red_flags.push_back(std::move(flag));
  }
  report->risk = static_cast<int>(std::lround(100.0 * (1.0 - keep)));
  if (AnyCombinationHolds(kb.scam_combinations, *in.findings))
    report->risk = std::max(report->risk, std::min(99, kb.thresholds.scam + 20));
  if (AnyCombinationHolds(kb.suspicious_combinations, *in.findings))
    report->risk = std::max(report->risk, kb.thresholds.suspicious);
  if (report->risk >= kb.thresholds.scam) report->verdict = Verdict::kScam;
  else if (report->risk >= kb.thresholds.suspicious) report->verdict = Verdict::kSuspicious;
  else report->verdict = Verdict::kNoRedFlags;
  // A weak flag below the threshold is still shown, so a person sees why we hesitated.
  std::stable_sort(report->red_flags.begin(), report->red_flags.end(), [&](const RedFlag& a, const RedFlag& b) {
    if (SeverityRank(a.severity) != SeverityRank(b.severity)) return SeverityRank(a.severity) < SeverityRank(b.severity);
    return a.strength > b.strength;
  });
  if (report->verdict != Verdict::kNoRedFlags) MatchScams(kb, in, report);
  if (!in.explain) return;
  std::string verdict(VerdictName(report->verdict));
  report->summary = kb.UiText(in.lang, &UiTexts::verdicts, verdict);
  // Weak flags below the threshold are listed; "no red flags" above them would contradict the list.
  if (report->verdict == Verdict::kNoRedFlags && !report->red_flags.empty())
    report->summary = kb.UiText(in.lang, &UiTexts::headings, "weak_signs_summary");
  GiveAdvice(kb, in, report);
}

}  // namespace redflag
