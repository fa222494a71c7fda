// Contact points in a message: links (also defanged: "hxxp://", "example[.]com"),
// email addresses, phone numbers and @handles. The patterns join the analyzer's
// single Vectorscan pass; this class turns their matches into Contacts.
#ifndef REDFLAG_EXTRACT_CONTACTS_H_
#define REDFLAG_EXTRACT_CONTACTS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "detect/pattern_set.h"
#include "extract/domain.h"

namespace redflag {

struct Contact {
  enum Kind { kUrl, kEmail, kPhone, kHandle } kind;
  uint32_t start, end;  // byte offsets into the normalised text
  std::string value;    // as it stands in the normalised text
  HostParts host;       // kUrl, and the domain of a kEmail
  std::string local_part;  // kEmail: before the '@'
  std::string phone;    // kPhone: E.164 when it could be parsed, else the digits
  std::string handle;   // kHandle: without '@'
  std::string display_name;  // kEmail given as "Name <address>" to verify: the name a mail program shows
};

std::string_view ContactKindName(Contact::Kind kind);  // "url" | "email" | "phone" | "handle"

class ContactExtractor {
 public:
  // Adds the extraction patterns to `patterns` (before it is compiled).
  explicit ContactExtractor(PatternSet* patterns);

  // The contacts among `matches` of `normalized`, in text order, without
  // overlaps (a domain inside a link or an address is not listed again).
  // `region`: ISO country code used to read national phone numbers ("" = none).
  std::vector<Contact> Extract(std::string_view normalized, const std::vector<Match>& matches,
                               const std::string& region) const;

 private:
  uint32_t url_, www_, domain_, email_, phone_, handle_;  // PatternSet indices
};

// "updated.It is mandatory", "errors.To avoid", "Kind Regards.Email": a lower-case or capitalised word, a
// full stop and a capitalised word, as written (before case folding) and without a scheme, is two sentences
// joined, not a domain, though "it", "to" and "email" are suffixes. A domain written with capitals ends in
// .Com, .Net or .Org: "Amazon.Com", "account.Net", "patient-pay.Com" and "evil.top" are domains.
bool IsSentencesJoined(std::string_view written);

// Parses a phone number as written; "" when it is not a possible number.
std::string NormalizePhone(std::string_view written, const std::string& region);

// Whether an E.164 number is premium-rate in its country's numbering plan (libphonenumber's
// metadata: the UK's 09 and 087, France's 089, the US's 900), where a call or text costs
// far more than usual.
bool IsPremiumRate(const std::string& e164);

}  // namespace redflag

#endif  // REDFLAG_EXTRACT_CONTACTS_H_
