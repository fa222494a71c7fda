#include "detect/registry.h"

#include <unicode/uchar.h>
#include <unicode/uspoof.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string_view>

namespace redflag {
namespace {

// Name tokens shorter than this match only as a whole word of a domain ("dhl-fee"),
// never inside one ("upsilon" is not UPS).
constexpr size_t kMinInnerToken = 5;
// Names at least this long imitate the brand anywhere in a label or user name ("whatsappgold",
// "bi-nancer"). Shorter ones, and everyday names, hide in ordinary words ("purchase", "techtarget",
// "steven.moore"), so inside a word they count only beside digits or lookalike_words ("costco24",
// "chaserewards"), and across a separator only as whole words ("pay-pal"). Eight would lose Binance inside
// words: some 100 of MetaMask's phishing domains ("binancegiveaways.com").
constexpr size_t kLongInnerName = 7;
// A user name shorter than this is no look-alike of a brand whose name is as short ("ca" of edd.ca.gov).
constexpr size_t kMinUserName = 3;
// Official names shorter than this are no look-alike under another suffix.
constexpr size_t kMinOtherSuffixName = 3;
// Official names at least this long may be two letters off and still be a typo.
constexpr size_t kTwoTyposFrom = 10;

std::vector<std::string> SplitWords(const std::string& s) {
  std::vector<std::string> words;
  std::string word;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word.push_back(c);
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

std::string WithoutSeparators(const std::string& s) {
  std::string out;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c))) out.push_back(c);
  return out;
}

// The letters and digits `s` holds, one bit each; any other byte sets the top bit. A name can only be
// inside a label that holds all its letters.
uint64_t LetterSet(std::string_view s) {
  uint64_t set = 0;
  for (unsigned char c : s)
    set |= uint64_t{1} << (c >= 'a' && c <= 'z' ? c - 'a' : c >= '0' && c <= '9' ? 26 + c - '0' : 63);
  return set;
}

// Whether `dotted` holds "." + domain + ".", without building that string for every official domain.
bool HoldsDotted(std::string_view dotted, std::string_view domain) {
  for (size_t at = dotted.find(domain, 1); at != std::string_view::npos; at = dotted.find(domain, at + 1))
    if (dotted[at - 1] == '.' && at + domain.size() < dotted.size() && dotted[at + domain.size()] == '.')
      return true;
  return false;
}

bool IsAsciiName(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x80; });
}

}  // namespace

int EditDistance(const std::string& a, const std::string& b, int limit) {
  int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > limit) return limit + 1;
  // One flat table, kept by each thread: this runs for every link against every official name.
  thread_local std::vector<int> table;
  table.assign((n + 1) * (m + 1), 0);
  auto d = [&](int i, int j) -> int& { return table[i * (m + 1) + j]; };
  for (int i = 0; i <= n; ++i) d(i, 0) = i;
  for (int j = 0; j <= m; ++j) d(0, j) = j;
  for (int i = 1; i <= n; ++i) {
    int row_min = limit + 1;
    for (int j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d(i, j) = std::min({d(i - 1, j) + 1, d(i, j - 1) + 1, d(i - 1, j - 1) + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d(i, j) = std::min(d(i, j), d(i - 2, j - 2) + 1);
      row_min = std::min(row_min, d(i, j));
    }
    if (row_min > limit) return limit + 1;
  }
  return d(n, m);
}

BrandRegistry::BrandRegistry(const KnowledgeBase& kb) : kb_(kb) {
  std::vector<std::pair<std::string, Token>> alias_tokens;
  UErrorCode status = U_ZERO_ERROR;
  spoof_ = uspoof_open(&status);
  if (U_SUCCESS(status)) uspoof_setChecks(spoof_, USPOOF_CONFUSABLE, &status);
  for (const Brand& b : kb.brands) {
    for (const auto* list : {&b.web_domains, &b.email_domains}) {
      for (const std::string& domain : *list) {
        HostParts parts;
        if (!ParseHost(domain, &parts) || parts.label.empty()) {
          // A domain that is itself a public suffix (nhs.uk): its first part is the name.
          parts = HostParts{};
          parts.label = domain.substr(0, domain.find('.'));
        }
        Token token{&b, domain};
        std::string label = WithoutSeparators(parts.label);
        token.is_name = label == WithoutSeparators(b.id) ||
                        std::any_of(b.aliases.begin(), b.aliases.end(), [&](const std::string& alias) {
                          return WithoutSeparators(alias) == label;
                        });
        // A label that is one of lookalike_words, and not what the brand is called, names no one: "bank" of
        // SBI's bank.sbi made bank-of-ireland.com, bank.com and "bamk.com" look-alikes of SBI. ("icloud" is
        // Apple's alias too, so icloud.help@ still imitates Apple.)
        if (kb.lookalike_words.count(parts.label) && !token.is_name) continue;
        official_labels_.emplace(parts.label, token);
        skeletons_.emplace(Skeleton(parts.label), token);
        // Only distinctive labels name a brand inside other domains ("gov" does not).
        // A label two brands list (meta.com: Meta's website, Facebook's mail) names the one called that.
        if (parts.label.find('.') == std::string::npos && parts.label.size() >= 3) {
          auto [it, added] = tokens_.emplace(WithoutSeparators(parts.label), token);
          if (!added && token.is_name && !it->second.is_name) it->second = token;
        }
      }
    }
    // Aliases join the skeletons (a disguised "pаypal" account name). A name of one or two words joins the
    // tokens too, since scammers build domains from what the brand is called, not from its domain:
    // "zelle-cancel.top" (zellepay.com), "cashapp-support.com" (cash.app). Not one that only adds a word to
    // a token of the brand ("paypal support"), nor one of fewer than kMinInnerToken letters ("bofa",
    // "tcs": abbreviations others use too).
    std::string home = b.web_domains.empty() ? b.id : b.web_domains.front();
    for (const std::string& alias : b.aliases) {
      std::string name = WithoutSeparators(alias);
      if (!IsAsciiName(alias) || name.size() < kMinInnerToken) continue;
      skeletons_.emplace(Skeleton(name), Token{&b, home});
      if (SplitWords(alias).size() <= 2) alias_tokens.push_back({alias, Token{&b, home, /*is_name=*/true}});
    }
  }
  // After every domain's label, which a brand's name never displaces: "myhermes" is Hermes Germany's
  // domain and Evri's old name.
  for (const auto& [alias, token] : alias_tokens) {
    bool adds_a_word = false;  // "paypal support", "amazon pay": the name is a token already
    std::vector<std::string> words = SplitWords(alias);
    for (const std::string& word : words)
      if (auto it = tokens_.find(word); it != tokens_.end() && it->second.brand == token.brand)
        adds_a_word = true;
    if (adds_a_word) continue;
    std::string name = WithoutSeparators(alias);
    if (tokens_.emplace(name, token).second && words.size() > 1) two_word_names_.insert(name);
  }
  for (const auto& [token, t] : tokens_)
    if (token.size() >= kMinInnerToken) inner_tokens_.push_back({&token, &t, LetterSet(token)});
}

BrandRegistry::~BrandRegistry() { uspoof_close(spoof_); }

std::string BrandRegistry::Skeleton(const std::string& utf8) const {
  if (spoof_ == nullptr) return utf8;
  UErrorCode status = U_ZERO_ERROR;
  char buffer[256];
  int32_t n = uspoof_getSkeletonUTF8(spoof_, 0, utf8.data(), static_cast<int32_t>(utf8.size()), buffer,
                                     sizeof(buffer), &status);
  if (U_FAILURE(status) || n <= 0) return utf8;
  // UTS #39 maps "0" to "O", not "o": names here are compared without case, so "g00gle" must meet
  // "google". Its skeleton is decomposed (NFD) and keeps accents as marks of their own: they go, so that
  // "whátsapp" and "pàypal" meet "whatsapp" and "paypal" as "wһatsapp" does. Every name it is compared
  // with is in Latin letters without accents.
  std::string skeleton;
  for (int32_t i = 0; i < n;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(buffer, i, n, c);
    if (c >= 0 && u_charType(c) == U_NON_SPACING_MARK) continue;
    for (int32_t k = start; k < i; ++k)
      skeleton += static_cast<char>(std::tolower(static_cast<unsigned char>(buffer[k])));
  }
  return skeleton;
}

const Brand* BrandRegistry::WebOwner(const HostParts& host) const {
  for (const Brand& b : kb_.brands)
    for (const std::string& d : b.web_domains)
      if (HostIsWithin(host.host, d)) return &b;
  return nullptr;
}

const Brand* BrandRegistry::EmailOwner(const HostParts& host) const {
  for (const Brand& b : kb_.brands)
    for (const std::string& d : b.email_domains)
      if (HostIsWithin(host.host, d)) return &b;
  return nullptr;
}

const Brand* BrandRegistry::MailboxOwner(const HostParts& host) const {
  for (const Brand& b : kb_.brands)
    for (const std::string& d : b.mailbox_domains)
      if (HostIsWithin(host.host, d)) return &b;
  return nullptr;
}

const Brand* BrandRegistry::PhoneOwner(const std::string& number) const {
  for (const Brand& b : kb_.brands) {
    if (std::find(b.phones.begin(), b.phones.end(), number) != b.phones.end()) return &b;
    if (std::find(b.short_codes.begin(), b.short_codes.end(), number) != b.short_codes.end()) return &b;
  }
  return nullptr;
}

const Brand* BrandRegistry::HandleOwner(const std::string& platform, const std::string& handle) const {
  std::string h = handle;
  if (!h.empty() && h[0] == '@') h.erase(0, 1);
  std::transform(h.begin(), h.end(), h.begin(), ::tolower);
  for (const Brand& b : kb_.brands) {
    for (const auto& [p, handles] : b.handles) {
      if (!platform.empty() && p != platform) continue;
      if (std::find(handles.begin(), handles.end(), h) != handles.end()) return &b;
    }
  }
  return nullptr;
}

std::optional<Lookalike> BrandRegistry::DomainLookalike(const HostParts& host) const {
  std::optional<Lookalike> found = AnyDomainLookalike(host);
  if (found && SameFamily(found->brand, MailboxOwner(host))) return std::nullopt;
  return found;
}

std::optional<Lookalike> BrandRegistry::AnyDomainLookalike(const HostParts& host) const {
  if (host.is_ip || host.label.empty()) return std::nullopt;
  // An everyday word that names a brand ("apple-pie.com"): the answer only if nothing stronger turns up.
  std::optional<Lookalike> everyday;
  // 0. A brand's domain or name before the '@' of a link ("https://paypal.com@evil.top/"):
  //    a browser reads it as a user name and opens the site after the '@'.
  if (host.has_scheme && !host.userinfo.empty()) {
    std::string dotted_user = "." + host.userinfo + ".";
    for (const Brand& b : kb_.brands)
      for (const std::string& domain : b.web_domains)
        if (HoldsDotted(dotted_user, domain)) return Lookalike{&b, domain, "brand_before_at", false};
    for (const std::string& word : SplitWords(host.userinfo))
      if (auto it = tokens_.find(word); it != tokens_.end())
        if (auto l = Take(Found(it->second, word, host.userinfo, "brand_before_at", false), &everyday))
          return l;
  }
  // 1. Confusable letters: not an official name, but it looks like one, or one of its words does.
  if (!official_labels_.count(host.label)) {
    if (auto it = skeletons_.find(Skeleton(host.unicode_label)); it != skeletons_.end())
      return Lookalike{it->second.brand, it->second.official, "confusable", false};
    if (auto disguised = DisguisedWord(host.unicode_label)) return disguised;
  }
  // 2. An official domain in front of someone else's ("whatsapp.com.verify.top"):
  //    strong. A bare name there ("messenger.msn.com") is weak: names can be words.
  std::string subdomains = host.host.size() > host.registrable.size()
                               ? host.host.substr(0, host.host.size() - host.registrable.size())
                               : "";
  std::string dotted = "." + subdomains;  // ".whatsapp.com.verify." holds ".whatsapp.com."
  if (!subdomains.empty())
    for (const Brand& b : kb_.brands)
      for (const auto* list : {&b.web_domains, &b.email_domains})
        for (const std::string& domain : *list)
          if (HoldsDotted(dotted, domain)) return Lookalike{&b, domain, "brand_in_subdomain", false};
  const std::string& name_part = host.host;  // where the words beside a brand's name are looked for
  for (const std::string& word : SplitWords(subdomains))
    if (auto it = tokens_.find(word); it != tokens_.end())
      if (auto l = Take(Found(it->second, word, name_part, "brand_in_subdomain", true), &everyday)) return l;
  // 3. An official name with words added. The longest name found wins: "meta-mask-wallet" is MetaMask's.
  std::optional<Lookalike> added;
  size_t added_length = 0;
  auto consider = [&](const Token& t, const std::string& token) {
    Lookalike l = Found(t, token, name_part, "added_words", false);
    bool better = !added || (added->everyday && !l.everyday) ||
                  (added->everyday == l.everyday && token.size() > added_length);
    if (better) added = l, added_length = token.size();
  };
  for (const std::string& word : SplitWords(host.label))
    if (auto it = tokens_.find(word); it != tokens_.end() && word != host.label) consider(it->second, word);
  const Words words(host.label);
  const uint64_t letters = LetterSet(words.joined);
  for (const InnerToken& inner : inner_tokens_)
    if ((inner.letters & ~letters) == 0 && words.joined != *inner.token && InWords(*inner.token, words))
      consider(*inner.t, *inner.token);
  if (added)
    if (auto l = Take(*added, &everyday)) return l;
  // 4. The same name under another suffix. A name of one or two letters (wa.me, t.me, g.co) is an
  //    abbreviation others use too: wa.gov is Washington State's, t.co is X's link shortener.
  //    An everyday name there is most often someone else's (chase.org, poste.fr): a look-alike only in a
  //    message that names the brand.
  if (auto it = official_labels_.find(host.label);
      it != official_labels_.end() && host.label.size() >= kMinOtherSuffixName) {
    Lookalike other{it->second.brand, it->second.official, "other_tld", true,
                    kb_.everyday_names.count(host.label) > 0};
    if (auto l = Take(other, &everyday)) return l;
  }
  // 5. One letter off (a swap counts as one), two for long names. Two for
  //    eight-letter names took other firms' names for typos: "metavas" for
  //    "metamask", "metamars" for "metamail" (MetaMask's list of legitimate
  //    look-alike domains, ../shared/corpus/domains; tests/verify_test.cc).
  //    An everyday name with a letter added is most often another word: "discovery", "targets", "apples";
  //    one letter changed, it is a look-alike only in a message that names the brand ("posts", "apply").
  //    An internationalised label is compared as it reads: "whàtsap" (xn--whtsap-...) is one letter off.
  const std::string reads_as = host.unicode_label == host.label ? host.label : Skeleton(host.unicode_label);
  for (const auto& [label, t] : official_labels_) {
    if (label.size() < kMinInnerToken) continue;
    bool everyday_name = kb_.everyday_names.count(label) > 0;
    if (everyday_name && reads_as.find(label) != std::string::npos) continue;
    int limit = label.size() >= kTwoTyposFrom ? 2 : 1;
    if (EditDistance(reads_as, label, limit) > limit) continue;
    Lookalike typo{t.brand, t.official, "typo", true, everyday_name};
    if (auto l = Take(typo, &everyday))
      return l;  // "posts.com" waits: a word, unless Poste Italiane is named
  }
  // 6. An official name in the path.
  for (const std::string& word : SplitWords(host.path))
    if (auto it = tokens_.find(word); it != tokens_.end() && word.size() >= 3)
      if (auto l = Take(Found(it->second, word, host.path, "brand_in_path", true), &everyday)) return l;
  return everyday;
}

std::optional<Lookalike> BrandRegistry::DisguisedWord(const std::string& unicode_label) const {
  if (unicode_label.find('-') == std::string::npos) return std::nullopt;  // the whole label: step 1
  size_t start = 0;
  while (start <= unicode_label.size()) {
    size_t end = std::min(unicode_label.find('-', start), unicode_label.size());
    std::string_view word(unicode_label.data() + start, end - start);
    bool plain = std::all_of(word.begin(), word.end(), [](unsigned char c) { return c >= 'a' && c <= 'z'; });
    if (!plain && word.size() >= kMinInnerToken)
      if (auto it = skeletons_.find(Skeleton(std::string(word))); it != skeletons_.end())
        return Lookalike{it->second.brand, it->second.official, "confusable", false};
    start = end + 1;
  }
  return std::nullopt;
}

std::optional<Lookalike> BrandRegistry::NameLookalike(const std::string& name) const {
  std::optional<Lookalike> everyday;  // as in DomainLookalike
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  const Words words(lower);
  if (words.joined.size() >= kMinUserName)
    if (auto it = skeletons_.find(Skeleton(words.joined)); it != skeletons_.end())
      return Lookalike{it->second.brand, it->second.official, "brand_in_username", false};
  // Only the brand's names: a label that is an everyday word ("office" of office.com, "live" of live.com)
  // is what people call themselves too ("head.office@", "john.live@").
  for (const std::string& word : SplitWords(lower))
    if (auto it = tokens_.find(word); it != tokens_.end() && it->second.is_name)
      if (auto l = Take(Found(it->second, word, lower, "brand_in_username", false), &everyday)) return l;
  const uint64_t letters = LetterSet(words.joined);
  for (const InnerToken& inner : inner_tokens_)
    if (inner.t->is_name && (inner.letters & ~letters) == 0 && InWords(*inner.token, words))
      if (auto l = Take(Found(*inner.t, *inner.token, lower, "brand_in_username", false), &everyday))
        return l;
  return everyday;
}

std::optional<Lookalike> BrandRegistry::Take(const Lookalike& found, std::optional<Lookalike>* everyday) {
  if (!found.everyday) return found;
  if (!*everyday) *everyday = found;
  return std::nullopt;
}

Lookalike BrandRegistry::Found(const Token& t, const std::string& token, const std::string& where,
                               const char* how, bool weak) const {
  bool everyday = !Imitates(t, token, where);
  return Lookalike{t.brand, t.official, how, weak || everyday, everyday};
}

bool BrandRegistry::Imitates(const Token& t, const std::string& token, const std::string& where) const {
  if (!kb_.everyday_names.count(token)) return true;
  // Spelt out as the official domain, with more after it: "www.apple.com-ifind.com".
  for (size_t at = where.find(t.official); at != std::string::npos; at = where.find(t.official, at + 1)) {
    bool starts = at == 0 || where[at - 1] == '.' || where[at - 1] == '/';
    if (starts && at + t.official.size() < where.size()) return true;
  }
  for (const std::string& word : SplitWords(where))
    if (word != token && kb_.lookalike_words.count(word)) return true;
  // Run together ("applesupportid"): the longer words only, since short ones hide in any name ("id" in
  // "idaho").
  std::string joined = WithoutSeparators(where);
  for (const std::string& word : kb_.lookalike_words)
    if (word.size() >= 4 && word != token && joined.find(word) != std::string::npos) return true;
  return false;
}

BrandRegistry::Words::Words(const std::string& s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (!std::isalnum(static_cast<unsigned char>(s[i]))) continue;
    if (i == 0 || !std::isalnum(static_cast<unsigned char>(s[i - 1]))) spans.push_back({joined.size(), 0});
    joined.push_back(s[i]);
    spans.back().second = joined.size();
  }
}

bool BrandRegistry::InWords(const std::string& token, const Words& words) const {
  if (token.size() >= kLongInnerName && !kb_.everyday_names.count(token) && !two_word_names_.count(token))
    return words.joined.find(token) != std::string::npos;  // even split up ("coinbas-esignin")
  for (size_t at = words.joined.find(token); at != std::string::npos; at = words.joined.find(token, at + 1)) {
    size_t end = at + token.size();
    auto word =
        std::find_if(words.spans.begin(), words.spans.end(), [&](const auto& w) { return at < w.second; });
    if (end > word->second) {  // over a separator: only as whole words ("meta-mask", not "steven.moore")
      bool ends_a_word = std::any_of(word, words.spans.end(), [&](const auto& w) { return w.second == end; });
      if (at == word->first && ends_a_word) return true;
      continue;
    }
    std::string_view joined = words.joined, before = joined.substr(word->first, at - word->first),
                     after = joined.substr(end, word->second - end);
    bool plural = after.starts_with('s') && Filler(after.substr(1));  // or possessive: "krakens-login"
    if (Filler(before) && (plural || Filler(after))) return true;
  }
  return false;
}

bool BrandRegistry::Filler(std::string_view s) const {
  std::vector<bool> ok(s.size() + 1);  // ok[i]: the first i letters are digits and lookalike_words
  ok[0] = true;
  for (size_t i = 0; i < s.size(); ++i) {
    if (!ok[i]) continue;
    if (std::isdigit(static_cast<unsigned char>(s[i]))) ok[i + 1] = true;
    for (const std::string& word : kb_.lookalike_words)
      if (s.substr(i, word.size()) == word) ok[i + word.size()] = true;
  }
  return ok[s.size()];
}

bool BrandRegistry::UnlistedBareName(const std::string& platform, const std::string& handle) const {
  std::string lower = handle;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  std::string bare = WithoutSeparators(lower);
  auto it = skeletons_.find(Skeleton(bare));
  if (it == skeletons_.end() || lower != bare) return false;
  // The name itself, not a disguise of it: "paypa1" has the skeleton of "paypal", "pay.pal" its letters.
  const Brand& b = *it->second.brand;
  auto is_name = [&](const std::string& name) { return WithoutSeparators(name) == bare; };
  bool named = std::any_of(b.aliases.begin(), b.aliases.end(), is_name) || is_name(b.id);
  if (auto label = official_labels_.find(bare); label != official_labels_.end() && label->second.brand == &b)
    named = true;
  // On no named platform ("follow @paypal" in a message) it may be the brand's own on any of them.
  if (platform.empty()) return named;
  auto listed = b.handles.find(platform);
  return named && (listed == b.handles.end() || listed->second.empty());
}

bool BrandRegistry::SameFamily(const Brand* a, const Brand* b) const {
  if (a == nullptr || b == nullptr) return false;
  if (a == b) return true;
  std::string root_a = a->parent.empty() ? a->id : a->parent;
  std::string root_b = b->parent.empty() ? b->id : b->parent;
  return root_a == root_b || root_a == b->id || root_b == a->id;
}

}  // namespace redflag
