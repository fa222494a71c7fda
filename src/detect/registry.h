// BrandRegistry: which brand owns a domain, address, number or handle, and
// which brand a look-alike imitates. The lookup runs in reverse: given a
// domain, find the brand it imitates, without comparing against every brand
// one by one for the common checks (skeleton and token indexes).
//
// Look-alike kinds, strongest first:
//   brand_before_at    an official domain or name before a link's '@' ("https://paypal.com@evil.top/"),
//                      which a browser takes as a user name
//   confusable         same UTS #39 skeleton as an official name ("paypa1", "wһatsapp")
//   brand_in_subdomain an official domain in front of someone else's ("whatsapp.com.verify.top");
//                      weak when it is only the name ("whatsapp.verify.top")
//   added_words        an official name plus words ("whatsapp-business-verify.com")
//   brand_in_username  an official name as the user of a free mail address or handle
//   brand_in_display_name  (set by the caller) an official name shown before someone else's address
//   typo               one or two letters off ("whatsap.com")
//   other_tld          the same name under another suffix ("binance.org")
//   brand_in_path      an official name after someone else's domain ("bit.ly/dhl")
// typo, other_tld and brand_in_path are weak, and so is a bare name in a
// subdomain: a message must mention the brand for them to count.
#ifndef REDFLAG_DETECT_REGISTRY_H_
#define REDFLAG_DETECT_REGISTRY_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/domain.h"
#include "redflag/knowledge.h"

struct USpoofChecker;

namespace redflag {

struct Lookalike {
  const Brand* brand = nullptr;
  std::string imitates;  // the official contact, e.g. "whatsapp.com"
  std::string how;       // one of the kinds above
  bool weak = false;
  // An everyday word that names the brand ("apple" in apple-pie-bakery.com): a look-alike only in a message
  // that names the brand (weak is set too); on its own, no look-alike.
  bool everyday = false;
};

class BrandRegistry {
 public:
  explicit BrandRegistry(const KnowledgeBase& kb);
  ~BrandRegistry();
  BrandRegistry(const BrandRegistry&) = delete;
  BrandRegistry& operator=(const BrandRegistry&) = delete;

  // The brand whose official web (or email) domain holds this host.
  const Brand* WebOwner(const HostParts& host) const;
  const Brand* EmailOwner(const HostParts& host) const;
  // The brand whose customer mail service (domains.mailbox: att.net) holds this host. An address there is
  // anyone's: neither the brand's own nor, by its domain, an imitation of it.
  const Brand* MailboxOwner(const HostParts& host) const;
  const Brand* PhoneOwner(const std::string& e164_or_digits) const;
  const Brand* HandleOwner(const std::string& platform, const std::string& handle) const;

  // The brand a non-official domain imitates; nullopt when none. A brand's own mailbox domain imitates
  // none of that brand's (att.net is no att.com under another suffix), though its subdomains or path may
  // still imitate another brand.
  std::optional<Lookalike> DomainLookalike(const HostParts& host) const;
  // The brand an address or handle's user name imitates ("binance.support@gmail.com").
  std::optional<Lookalike> NameLookalike(const std::string& name) const;
  // True when `handle` is a brand's bare name ("binance", not "pay.pal" or "paypa1") and the registry lists
  // none of that brand's handles on `platform`, or no platform is named: the account may well be the
  // brand's own, so it is no look-alike.
  bool UnlistedBareName(const std::string& platform, const std::string& handle) const;

  // True when `a` and `b` are the same brand or one owns the other (WhatsApp and Meta).
  bool SameFamily(const Brand* a, const Brand* b) const;

  // The UTS #39 skeleton of a string: "paypa1" and "pаypal" both give "paypal"'s.
  std::string Skeleton(const std::string& utf8) const;

 private:
  struct Token {
    const Brand* brand;
    std::string official;  // the official contact it comes from
    bool is_name = false;  // also the brand's id or an alias ("paypal"), not only a label ("office", "live")
  };
  // DomainLookalike before a brand's own mailbox domain is taken into account.
  std::optional<Lookalike> AnyDomainLookalike(const HostParts& host) const;
  // A word of a label between hyphens that disguises a brand's name with digits or another alphabet's
  // letters ("amaz0n-billing", "pаypal-secure"): a look-alike whatever words stand beside it.
  std::optional<Lookalike> DisguisedWord(const std::string& unicode_label) const;
  // The look-alike `token` (from `t`) makes, found in `where` (a host, a user name, a path).
  Lookalike Found(const Token& t, const std::string& token, const std::string& where, const char* how,
                  bool weak) const;
  // `found`, unless it is an everyday word: that one waits in `everyday` for nothing stronger to turn up.
  static std::optional<Lookalike> Take(const Lookalike& found, std::optional<Lookalike>* everyday);
  // Whether it imitates the brand by itself: an official name that is an everyday word (policy.yaml
  // everyday_names) does only beside one of lookalike_words, or spelt out as the official domain.
  bool Imitates(const Token& t, const std::string& token, const std::string& where) const;
  // A label or user name without its separators, and where each of its words lies in that string:
  // "meta-mask" is "metamask", with words [0, 4) and [4, 8).
  struct Words {
    explicit Words(const std::string& s);
    std::string joined;
    std::vector<std::pair<size_t, size_t>> spans;
  };
  // Whether a name of inner_tokens_ is in `words` as a look-alike would hold it. A long name that is no
  // everyday word nor two words run together counts anywhere ("whatsappgold", "bi-nancer"); any other only
  // over whole words
  // ("pay-pal") or inside one word beside nothing but digits and lookalike_words ("costco24",
  // "chaserewards", "krakens-login"). Not in "purchase" (Chase), "techtarget" (Target), "steven.moore"
  // (Venmo).
  bool InWords(const std::string& token, const Words& words) const;
  // Whether `s` is digits and lookalike_words only ("", "24", "securelogin").
  bool Filler(std::string_view s) const;
  const KnowledgeBase& kb_;
  USpoofChecker* spoof_ = nullptr;
  std::map<std::string, Token> tokens_;           // "whatsapp" -> brand; names in domains
  std::map<std::string, Token> skeletons_;        // skeleton of an official label -> brand
  std::map<std::string, Token> official_labels_;  // "binance" (from binance.com) -> brand
  // Tokens_ from two-word aliases ("cashapp", "homedepot"): like short names, they count inside a word only
  // beside digits and lookalike_words, since two words run together hide in others ("cashappliances").
  std::set<std::string> two_word_names_;
  // The tokens_ of at least kMinInnerToken letters, in tokens_' order, each with the set of letters it
  // holds: the search for names inside a label skips, without a string search, every name with a letter
  // the label lacks.
  struct InnerToken {
    const std::string* token;
    const Token* t;
    uint64_t letters;
  };
  std::vector<InnerToken> inner_tokens_;
};

// Damerau-Levenshtein distance, stopping early above `limit`.
int EditDistance(const std::string& a, const std::string& b, int limit);

}  // namespace redflag

#endif  // REDFLAG_DETECT_REGISTRY_H_
