#include "knowledge/cross_check.h"

#include <algorithm>
#include <map>
#include <set>

#include "extract/domain.h"

namespace redflag {
namespace {

std::string Join(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

// A customer mailbox domain (domains.mailbox) is anyone's address: it cannot also be where a brand's
// official mail comes from, nor another brand's website (its own brand's may share it: icloud.com is
// Apple's site and its customers' mail), nor a public suffix (co.uk), which would make every address under
// it a customer's.
void CheckMailboxDomains(const KnowledgeBase& kb, std::vector<std::string>* problems) {
  std::map<std::string, const Brand*> mailbox;
  for (const auto& b : kb.brands)
    for (const auto& d : b.mailbox_domains) {
      mailbox.emplace(d, &b);
      HostParts parts;
      if (!ParseHost(d, &parts) || parts.registrable.empty())
        problems->push_back(b.origin.ToString() + ": mailbox domain '" + d + "' is a public suffix");
    }
  for (const auto& b : kb.brands) {
    auto clash = [&](const std::vector<std::string>& list, const char* what, bool own_too) {
      for (const auto& d : list)
        if (auto it = mailbox.find(d); it != mailbox.end() && (own_too || it->second != &b))
          problems->push_back(b.origin.ToString() + ": '" + d + "' is " + it->second->id +
                              "'s customer mailbox domain and cannot be " + b.id + "'s " + what + " domain");
    };
    clash(b.email_domains, "official email", true);
    clash(b.web_domains, "web", false);
  }
}

}  // namespace

void CrossCheck(const KnowledgeBase& kb, std::vector<std::string>* problems) {
  auto problem = [&](const Origin& o, const std::string& m) { problems->push_back(o.ToString() + ": " + m); };
  std::set<std::string> seen;
  for (const auto& p : kb.signals) {
    if (!seen.insert(p.id).second) problem(p.origin, "duplicate pattern id '" + p.id + "'");
    if (!kb.FindFlag(p.flag)) problem(p.origin, "unknown flag '" + p.flag + "'");
  }
  for (const auto& s : kb.scams) {
    for (const auto& b : s.brands)
      if (!kb.FindBrand(b)) problem(s.origin, "scam '" + s.id + "' names unknown brand '" + b + "'");
    std::vector<const ScamRule*> rules = s.Rules();
    for (const ScamRule& r : s.fallback_match) rules.push_back(&r);
    for (const ScamRule* rule : rules) {
      for (const auto* list : {&rule->all, &rule->any})
        for (const auto& f : *list)
          if (!kb.FindFlag(f)) problem(s.origin, "scam '" + s.id + "' names unknown flag '" + f + "'");
      for (const auto& b : rule->brands)
        if (!kb.FindBrand(b)) problem(s.origin, "scam '" + s.id + "' names unknown brand '" + b + "'");
      for (const auto& c : rule->brand_categories)
        if (std::none_of(kb.brands.begin(), kb.brands.end(), [&](const Brand& b) { return b.category == c; }))
          problem(s.origin, "scam '" + s.id + "' names brand category '" + c + "' that no brand has");
    }
  }
  for (const auto& c : kb.countries)
    if (!c.number_hint.empty() && !kb.FindFlag(c.number_hint))
      problem(c.origin,
              "country '" + c.code + "' names unknown flag '" + c.number_hint + "' as its number_hint");
  for (const auto& b : kb.brands)
    if (!b.parent.empty() && !kb.FindBrand(b.parent))
      problem(b.origin, "brand '" + b.id + "' names unknown parent '" + b.parent + "'");
  CheckMailboxDomains(kb, problems);
  // A warning must also show its reasons: a combination of internal flags alone would warn with no red flag
  // to show ("scam" with nothing quoted). So `all` holds a shown flag, or every flag of `any` is shown.
  auto shown = [&](const std::string& f) {
    const FlagInfo* info = kb.FindFlag(f);
    return info != nullptr && info->shown;
  };
  for (const auto* combinations : {&kb.scam_combinations, &kb.suspicious_combinations})
    for (const auto& c : *combinations) {
      for (const auto* list : {&c.all, &c.any})
        for (const auto& f : *list)
          if (!kb.FindFlag(f)) problems->push_back("policy.yaml: unknown flag '" + f + "'");
      if (std::none_of(c.all.begin(), c.all.end(), shown) &&
          (c.any.empty() || !std::all_of(c.any.begin(), c.any.end(), shown)))
        problems->push_back("policy.yaml: the combination of [" + Join(c.all) + "] and [" + Join(c.any) +
                            "] may warn with no shown flag: add one to 'all', or only shown flags to 'any'");
    }
  if (kb.flags.empty()) problems->push_back("flags.yaml: missing or empty");
  if (!kb.ui.count("en")) problems->push_back("i18n/en.yaml: missing (English texts are required)");
}

}  // namespace redflag
