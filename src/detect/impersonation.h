// Impersonation: who the message claims to be, and whether its sender, links
// and channel fit that brand. Raises brand_impersonation, sender_not_official,
// link_not_official, lookalike_contact and channel_never_used.
//
// Naming a brand is not a claim: "Binance never uses WhatsApp" in a news
// article claims nothing. A brand is claimed when the sender's name carries
// it, when a "support team / security engineer" phrase stands next to it, when
// it is written with disguised letters, or when a link or address imitates it.
#ifndef REDFLAG_DETECT_IMPERSONATION_H_
#define REDFLAG_DETECT_IMPERSONATION_H_

#include <map>
#include <string>
#include <vector>

#include "detect/brand_finder.h"
#include "detect/findings.h"
#include "detect/lexicon.h"
#include "detect/registry.h"
#include "extract/contacts.h"
#include "redflag/message.h"
#include "redflag/report.h"
#include "text/document.h"

namespace redflag {

// What the analyzer found in the sender field.
struct SenderInfo {
  std::string value;                 // as given
  std::string normalized;            // its normalised form, which the offsets below point into
  std::vector<BrandHit> brands;      // brand names in it (offsets into its normalised form)
  std::vector<Contact> contacts;     // address, number or handle in it
};

struct ImpersonationInput {
  const Document* document;
  const std::vector<BrandHit>* text_brands;
  const std::vector<SignalHit>* signals;
  const std::vector<Contact>* contacts;       // in the text
  const SenderInfo* sender;
  Channel channel;
  std::string lang;
};

class ImpersonationCheck {
 public:
  ImpersonationCheck(const KnowledgeBase& kb, const BrandRegistry& registry);

  // Judges the contacts, raises the flags in `findings`, and fills
  // report->brands and report->contacts.
  void Run(const ImpersonationInput& in, Findings* findings, Report* report) const;

  // The verdict on one contact as the registry sees it. `standalone` (`verify`): no message around it names
  // a brand, so an everyday word that is a brand's name ("apple" in apple-pie-bakery.com) imitates no one.
  ContactVerdict Judge(const Contact& contact, const std::string& platform, const std::string& lang,
                       bool standalone = false) const;

 private:
  // A link on an app's own domain that opens what anyone can make: a chat or profile (wa.me/<number>,
  // instagram.com/<name>) is as official as the number or account it opens, its `target`; a group
  // invitation or a page (a form, a site, a post) names no one (`target` empty) and is unknown.
  ContactVerdict JudgeSharedLink(const Contact& link, const KnowledgeBase::SharedLink& shared,
                                 const std::string& target, const std::string& lang, bool standalone) const;

  // Whether any of `flags` was raised.
  static bool HasAny(const Findings& findings, const std::vector<std::string>& flags);
  // A brand named near the words of a flag that wants the brand's own link, or nullptr.
  const Brand* BrandNearPush(const Findings& findings,
                             const std::map<const Brand*, std::vector<Evidence>>& mentioned) const;

  const KnowledgeBase& kb_;
  const BrandRegistry& registry_;
  std::vector<std::string> push_flags_;        // flags.yaml push: true
  std::vector<std::string> brand_link_flags_;  // flags.yaml wants_brand_link: true
};

}  // namespace redflag

#endif  // REDFLAG_DETECT_IMPERSONATION_H_
