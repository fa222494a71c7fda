#include "detect/impersonation.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "extract/domain.h"

namespace redflag {
namespace {

// How near (in bytes of normalised text) a "support team" phrase must stand to
// a brand name to claim it: about one short sentence.
constexpr uint32_t kClaimDistance = 80;

// How near (in bytes) a push to act ("update your address", "or your account will be closed") must stand to a
// brand's name for the message to speak for that brand when nothing else claims it: about a paragraph. A text
// message is one passage; a newsletter is many, and "if you don't defend it, you lose" 10,000 bytes after
// "Apple" is not Apple asking for anything (train and dev: 4 newsletters in genuine mail lost a false
// link_not_official, 3 phishing mails lost it beside other flags, no verdict of a scam row changed).
constexpr uint32_t kPushReach = 400;

uint32_t Gap(uint32_t a_start, uint32_t a_end, uint32_t b_start, uint32_t b_end) {
  if (a_end <= b_start) return b_start - a_end;
  if (b_end <= a_start) return a_start - b_end;
  return 0;
}

// How a look-alike imitates, in the reader's words ("adds words to the brand name").
std::string HowWords(const UiTexts& ui, const std::string& how) {
  auto it = ui.lookalike_how.find(how);
  return it == ui.lookalike_how.end() ? how : it->second;
}

// The word that ends just before `at`, after any spaces: "on" in "support on whatsapp".
std::string_view WordBefore(std::string_view text, size_t at) {
  size_t end = at;
  while (end > 0 && text[end - 1] == ' ') --end;
  size_t start = end;
  while (start > 0 && text[start - 1] != ' ' && text[start - 1] != '\n') --start;
  return text.substr(start, end - start);
}

// Where the text's first word starts: its first letter or digit (a non-ASCII byte counts as one).
size_t FirstWordStart(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80 &&
         !std::isalnum(static_cast<unsigned char>(text[i])))
    ++i;
  return i;
}

// Whether [start, end) is the label a text opens with, as companies sign their texts: "Royal Mail: your
// parcel ...", "(USPS) we could not deliver". It starts the text's first word (`first_word`); a colon, dash
// or closing bracket follows it.
bool OpensAsLabel(std::string_view text, size_t first_word, size_t start, size_t end) {
  if (start != first_word) return false;
  while (end < text.size() && text[end] == ' ') ++end;
  return end < text.size() && (text[end] == ':' || text[end] == ')' || text[end] == ']' || text[end] == '-');
}

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

struct Claim {
  std::string how;
  std::vector<Evidence> evidence;
};

// What a shared link opens: an account (a number or a name), something anyone can make that names no
// one (a page, a group invitation), or, for a profile or handle link, the app's own page.
struct Opened {
  enum Kind { kAccount, kAnyones, kAppsOwnPage } kind;
  std::string target;  // kAccount: "+14155550100" for wa.me/14155550100, "binance_help" for t.me/binance_help
};

std::vector<std::string> PathParts(const std::string& path) {
  std::vector<std::string> parts;
  for (size_t at = 0; at < path.size();) {
    size_t slash = path.find_first_of("/?#", at);
    if (slash == std::string::npos) slash = path.size();
    if (slash > at) parts.push_back(path.substr(at, slash - at));
    if (slash < path.size() && path[slash] != '/') break;  // the query and fragment name no one
    at = slash + 1;
  }
  return parts;
}

bool IsAccountName(const std::string& name, std::string_view extra) {
  return name.size() >= 2 && std::all_of(name.begin(), name.end(), [&](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
                  extra.find(c) != std::string_view::npos;
         });
}

// A profile link: instagram.com/<name>, tiktok.com/@<name>, paypal.com/paypalme/<name>.
Opened OpenProfile(const KnowledgeBase::SharedLink& link, const std::vector<std::string>& parts) {
  std::string first = parts.empty() ? "" : parts[0];
  std::transform(first.begin(), first.end(), first.begin(), ::tolower);
  std::string name;
  if (!link.under.empty()) {
    if (first != link.under || parts.size() < 2) return {Opened::kAppsOwnPage, ""};
    name = parts[1];
  } else {
    if (first.empty() || Contains(link.own, first)) return {Opened::kAppsOwnPage, ""};
    if (Contains(link.pages, first)) return {Opened::kAnyones, ""};
    if (!first.starts_with(link.prefix)) return {Opened::kAppsOwnPage, ""};
    name = parts[0].substr(link.prefix.size());
  }
  if (!IsAccountName(name, ".-")) return {Opened::kAnyones, ""};
  return {Opened::kAccount, name};
}

Opened Open(const KnowledgeBase::SharedLink& link, const std::string& path) {
  std::vector<std::string> parts = PathParts(path);
  if (link.opens == "profile") return OpenProfile(link, parts);
  if (!parts.empty() && parts[0] == "s" && link.opens == "handle") parts.erase(parts.begin());  // t.me/s/name
  if (parts.empty() || link.opens == "group" || link.opens == "page") return {Opened::kAnyones, ""};
  const std::string& first = parts[0];
  if (link.opens == "phone") {
    std::string digits = first[0] == '+' ? first.substr(1) : first;
    bool all_digits = !digits.empty() && std::all_of(digits.begin(), digits.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c));
    });
    if (all_digits && digits.size() >= 7 && digits.size() <= 15) return {Opened::kAccount, "+" + digits};
    return {Opened::kAnyones, ""};
  }
  std::string lower = first;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  if (Contains(link.own, lower)) return {Opened::kAppsOwnPage, ""};
  bool name = first.size() >= 3 && IsAccountName(first, "");
  if (name && !Contains(link.pages, lower)) return {Opened::kAccount, first};
  return {Opened::kAnyones, ""};
}

// The address or link that holds [start, end), or nullptr.
const Contact* ContactAt(const std::vector<Contact>& contacts, uint32_t start, uint32_t end) {
  for (const Contact& c : contacts)
    if (c.start <= start && end <= c.end) return &c;
  return nullptr;
}

// Whether `hit` is part of an address or link on its own brand's customer mail service ("verizon" in
// mark@verizon.net): a customer's address, which names the brand no more than a street names its town.
bool InOwnMailbox(const BrandRegistry& registry, const BrandHit& hit, const std::vector<Contact>& contacts) {
  const Contact* c = ContactAt(contacts, hit.start, hit.end);
  return c != nullptr && c->kind != Contact::kPhone && c->kind != Contact::kHandle &&
         registry.SameFamily(hit.brand, registry.MailboxOwner(c->host));
}

// Whether the sender field holds `hit` as someone's name rather than as the brand: an everyday name
// (policy.yaml: "mcafee" is a surname too) in the address, which is judged as a contact on its own
// (john.mcafee@ imitates no one, mcafee.billing@ does), or in a display name that the registry reads as no
// imitation ("John McAfee"; "McAfee" and "McAfee Support" are the brand).
bool SenderNamesAPerson(const BrandRegistry& registry, const KnowledgeBase& kb, const BrandHit& hit,
                        const std::string& from, const std::vector<Contact>& contacts) {
  std::string name;
  for (char c : from.substr(hit.start, hit.end - hit.start))
    if (std::isalnum(static_cast<unsigned char>(c))) name.push_back(c);
  if (!kb.everyday_names.count(name)) return false;
  if (const Contact* c = ContactAt(contacts, hit.start, hit.end)) return c->kind == Contact::kEmail;
  std::string display = from;  // the field without its address: the name shown
  for (const Contact& c : contacts) std::fill(display.begin() + c.start, display.begin() + c.end, ' ');
  std::optional<Lookalike> l = registry.NameLookalike(display);
  return !l || l->everyday || !registry.SameFamily(l->brand, hit.brand);
}

// A brand's name in the path of a site the message also links to without it ("lindows.com/walmart" beside
// "lindows.com/timeline") is that site's page about the brand, in the site's own mail: no look-alike. A
// phishing page put on someone's site ("rgbmedia.vn/ups/") is the only link there: of the 62 such look-alike
// links in train and dev scam and spam rows, one stood beside another link to its site, and that was a
// bank's own page (bankalfalah.com/whatsapp/). Counting the name only beside a scammer's word instead would
// lose 51 of the 62 ("rgbmedia.vn/ups/", "boyterstudio.com/chase/").
void ExcuseOwnSitePages(const KnowledgeBase& kb, const std::string& lang,
                        std::vector<ContactVerdict>* verdicts) {
  std::set<std::string> linked;  // sites the message links to without a look-alike
  for (const ContactVerdict& v : *verdicts)
    if (v.kind == "url" && v.verdict != "lookalike") linked.insert(v.normalized);
  for (ContactVerdict& v : *verdicts) {
    if (v.how != "brand_in_path" || !linked.count(v.normalized)) continue;
    ContactVerdict page;
    page.kind = v.kind;
    page.value = v.value;
    page.normalized = v.normalized;
    page.channel = v.channel;
    page.verdict = "unknown";
    page.explanation = kb.UiText(lang, &UiTexts::contact_verdicts, "unknown");
    v = std::move(page);
  }
}

// A flag whose phrase is about a link (flags.yaml: needs_unofficial_link) goes when every link its evidence
// touches is official: the phrase then describes the brand's own notice, and pushes the reader nowhere.
void DropFlagsAboutOfficialLinks(const KnowledgeBase& kb, const std::vector<ContactVerdict>& contacts,
                                 Findings* findings) {
  for (const FlagInfo& info : kb.flags) {
    const FlagHit* hit = info.needs_unofficial_link ? findings->Get(info.id) : nullptr;
    if (hit == nullptr) continue;
    bool any_link = false, all_official = true;
    for (const Evidence& e : hit->evidence)
      for (const ContactVerdict& c : contacts) {
        bool link = c.kind == "url" || c.kind == "domain";
        if (!link || c.field != e.field || c.end <= e.start || e.end <= c.start) continue;
        any_link = true;
        all_official = all_official && c.verdict == "official";
      }
    if (any_link && all_official) findings->Remove(info.id);
  }
}

}  // namespace

ImpersonationCheck::ImpersonationCheck(const KnowledgeBase& kb, const BrandRegistry& registry)
    : kb_(kb), registry_(registry) {
  for (const FlagInfo& f : kb.flags) {
    if (f.push) push_flags_.push_back(f.id);
    if (f.wants_brand_link) brand_link_flags_.push_back(f.id);
  }
}

bool ImpersonationCheck::HasAny(const Findings& findings, const std::vector<std::string>& flags) {
  return std::any_of(flags.begin(), flags.end(), [&](const std::string& f) { return findings.Has(f); });
}

const Brand* ImpersonationCheck::BrandNearPush(
    const Findings& findings, const std::map<const Brand*, std::vector<Evidence>>& mentioned) const {
  // A subject is the headline of the whole mail: near everything.
  auto near = [](const Evidence& a, const Evidence& b) {
    return a.field == Field::kSubject || b.field == Field::kSubject ||
           (a.field == b.field && Gap(a.start, a.end, b.start, b.end) <= kPushReach);
  };
  for (const std::string& flag : brand_link_flags_)
    if (const FlagHit* hit = findings.Get(flag))
      for (const Evidence& push : hit->evidence)
        for (const auto& [brand, places] : mentioned)
          for (const Evidence& place : places)
            if (place.field != Field::kFrom && near(push, place)) return brand;
  return nullptr;
}

ContactVerdict ImpersonationCheck::Judge(const Contact& contact, const std::string& platform,
                                         const std::string& lang, bool standalone) const {
  bool apps_own_domain = false;  // a shared link's domain: the app's, whatever the registry lists
  if (contact.kind == Contact::kUrl) {
    // A redirect ("google.com/url?q=https://evil.top") opens the address it hands on: that one is judged.
    Contact opened{};
    opened.kind = Contact::kUrl;
    opened.value = RedirectTarget(contact.host);
    if (!opened.value.empty() && ParseHost(opened.value, &opened.host)) {
      ContactVerdict v = Judge(opened, platform, lang, standalone);
      v.value = contact.value;
      v.explanation =
          FillIn(kb_.UiText(lang, &UiTexts::contact_verdicts, "redirect"), "{target}", opened.host.unicode) +
          "; " + v.explanation;
      return v;
    }
    if (const KnowledgeBase::SharedLink* link =
            kb_.FindSharedLink(contact.host.host, contact.host.registrable)) {
      Opened opened = Open(*link, contact.host.path);
      if (opened.kind != Opened::kAppsOwnPage)
        return JudgeSharedLink(contact, *link, opened.target, lang, standalone);
      apps_own_domain = true;  // paypal.me, x.com: not a look-alike of anyone, if not listed as official
    }
  }
  ContactVerdict v;
  v.kind = std::string(ContactKindName(contact.kind));
  v.value = contact.value;
  v.verdict = "unknown";
  const Brand* owner = nullptr;
  std::optional<Lookalike> lookalike;
  switch (contact.kind) {
    case Contact::kUrl:
      v.normalized = contact.host.registrable;
      owner = registry_.WebOwner(contact.host);
      v.channel = "web";
      if (!owner) lookalike = registry_.DomainLookalike(contact.host);
      v.short_link = !owner && kb_.link_shorteners.count(contact.host.registrable) > 0;
      break;
    case Contact::kEmail: {
      v.normalized = contact.local_part + "@" + contact.host.host;
      // A customer's mailbox (jim@att.net) is anyone's, even where the brand's website shares the domain.
      const Brand* mailbox = registry_.MailboxOwner(contact.host);
      owner = registry_.EmailOwner(contact.host);
      if (!owner && !mailbox) owner = registry_.WebOwner(contact.host);
      v.channel = "email";
      if (!owner) lookalike = registry_.DomainLookalike(contact.host);
      if (!owner && !lookalike) lookalike = registry_.NameLookalike(contact.local_part);
      // "WhatsApp Support <noreply@gmail.com>": the brand is only the name shown.
      if (!owner && !lookalike && !contact.display_name.empty())
        if ((lookalike = registry_.NameLookalike(contact.display_name)))
          lookalike->how = "brand_in_display_name";
      break;
    }
    case Contact::kPhone:
      v.normalized = contact.phone;
      owner = registry_.PhoneOwner(contact.phone);
      v.channel = "phone";
      v.premium_rate = !owner && IsPremiumRate(contact.phone);
      break;
    case Contact::kHandle:
      v.normalized = contact.handle;
      owner = registry_.HandleOwner(platform, contact.handle);
      v.channel = platform.empty() ? "handle" : platform;
      if (!owner && !registry_.UnlistedBareName(platform, contact.handle))
        lookalike = registry_.NameLookalike(contact.handle);
      break;
  }
  if (lookalike && (apps_own_domain || (lookalike->everyday && standalone))) lookalike.reset();
  const UiTexts& ui = kb_.Ui(lang);
  auto text = [&](const std::string& key) { return kb_.UiText(lang, &UiTexts::contact_verdicts, key); };
  if (owner) {
    v.verdict = "official";
    v.brand = owner->id;
    v.explanation = FillIn(FillIn(text("official"), "{brand}", owner->name), "{channel}",
                           kb_.UiText(lang, &UiTexts::channels, v.channel));
  } else if (lookalike) {
    v.verdict = "lookalike";
    v.brand = lookalike->brand->id;
    v.imitates = lookalike->imitates;
    v.how = lookalike->how;
    v.weak = lookalike->weak;
    v.everyday = lookalike->everyday;
    v.explanation = FillIn(text("lookalike"), "{brand}", lookalike->brand->name) + ": " + HowWords(ui, v.how);
  } else {
    v.explanation = text(v.premium_rate ? "premium_rate" : v.short_link ? "short_link" : "unknown");
  }
  return v;
}

ContactVerdict ImpersonationCheck::JudgeSharedLink(const Contact& link,
                                                   const KnowledgeBase::SharedLink& shared,
                                                   const std::string& target, const std::string& lang,
                                                   bool standalone) const {
  ContactVerdict v;
  if (!target.empty()) {
    Contact opened{};
    opened.kind = shared.opens == "phone" ? Contact::kPhone : Contact::kHandle;
    opened.start = link.start;
    opened.end = link.end;
    opened.value = target;
    (shared.opens == "phone" ? opened.phone : opened.handle) = target;
    v = Judge(opened, shared.platform, lang, standalone);
  } else {
    v.verdict = "unknown";
  }
  v.kind = std::string(ContactKindName(Contact::kUrl));
  v.value = link.value;
  if (v.verdict == "unknown") {
    const Brand* app =
        kb_.FindBrand(shared.platform);  // else the platform's name as a channel: "X (Twitter)"
    const std::string key = shared.opens == "page" || (shared.opens == "profile" && target.empty())
                                ? "shared_page"
                            : shared.opens == "profile" ? "profile_link"
                            : target.empty()            ? "chat_link_anyone"
                                                        : "chat_link";
    std::string text = kb_.UiText(lang, &UiTexts::contact_verdicts, key);
    std::string app_name = app ? app->name : kb_.UiText(lang, &UiTexts::channels, shared.platform);
    v.explanation = FillIn(FillIn(text, "{app}", app_name), "{target}", target);
  }
  return v;
}

void ImpersonationCheck::Run(const ImpersonationInput& in, Findings* findings, Report* report) const {
  const Document& doc = *in.document;
  // The note beside a piece of evidence, in the reader's language, naming `brand`.
  auto note = [&](const char* key, const Brand* brand) {
    return FillIn(kb_.EvidenceNote(in.lang, key), "{brand}", brand->name);
  };
  std::map<const Brand*, std::vector<Evidence>> mentioned;
  std::map<const Brand*, Claim> claimed;
  auto claim = [&](const Brand* b, const std::string& how, const Evidence& e) {
    Claim& c = claimed[b];
    if (c.how.empty() || how == "disguised" || how == "sender") c.how = how;
    c.evidence.push_back(e);
  };

  // Brands named in the text, and the ones it claims to speak for.
  const size_t first_word = FirstWordStart(doc.normalized());
  for (const BrandHit& hit : *in.text_brands) {
    if (InOwnMailbox(registry_, hit, *in.contacts)) continue;
    Evidence e = doc.Quote(hit.start, hit.end);
    mentioned[hit.brand].push_back(e);
    if (hit.disguised) {
      e.note = note("disguised", hit.brand);
      claim(hit.brand, "disguised", e);
      continue;
    }
    if (OpensAsLabel(doc.normalized(), first_word, hit.start, hit.end)) {
      claim(hit.brand, "claimed", e);
      continue;
    }
    bool named_as_channel = kb_.channel_words.count(std::string(WordBefore(doc.normalized(), hit.start))) > 0;
    for (const SignalHit& s : *in.signals) {
      if (s.pattern->flag != "support_claim" || Gap(hit.start, hit.end, s.start, s.end) > kClaimDistance)
        continue;
      if (named_as_channel && s.end <= hit.start) continue;  // "X support on WhatsApp": the channel
      claim(hit.brand, "claimed", e);
      claim(hit.brand, "claimed", doc.Quote(s.start, s.end));
      break;
    }
  }
  Evidence sender_evidence = QuoteField(Field::kFrom, in.sender->value);
  for (const BrandHit& hit : in.sender->brands) {
    if (InOwnMailbox(registry_, hit, in.sender->contacts)) continue;
    mentioned[hit.brand].push_back(sender_evidence);
    if (!SenderNamesAPerson(registry_, kb_, hit, in.sender->normalized, in.sender->contacts))
      claim(hit.brand, "sender", sender_evidence);
  }
  auto is_mentioned = [&](const Brand* b) {
    return std::any_of(mentioned.begin(), mentioned.end(),
                       [&](const auto& m) { return registry_.SameFamily(m.first, b); });
  };
  // Named somewhere other than in `e` itself: "apple" in apple-pie-bakery.com does not name Apple.
  auto is_mentioned_outside = [&](const Brand* b, const Evidence& e) {
    for (const auto& [brand, places] : mentioned)
      if (registry_.SameFamily(brand, b))
        for (const Evidence& p : places)
          if (p.field != e.field || p.end <= e.start || e.end <= p.start) return true;
    return false;
  };

  // Every contact point, judged; look-alikes are claims too.
  std::vector<const Brand*> sender_owners;
  auto judge_all = [&](const std::vector<Contact>& contacts, bool from_sender) {
    std::vector<ContactVerdict> verdicts;
    for (const Contact& c : contacts) {
      std::string platform = c.kind == Contact::kHandle && in.channel == Channel::kTelegram ? "telegram" : "";
      verdicts.push_back(Judge(c, platform, in.lang));
    }
    if (!from_sender) ExcuseOwnSitePages(kb_, in.lang, &verdicts);
    for (size_t i = 0; i < contacts.size(); ++i) {
      const Contact& c = contacts[i];
      ContactVerdict& v = verdicts[i];
      Evidence e = from_sender ? sender_evidence : doc.Quote(c.start, c.end);
      v.field = e.field;
      v.start = e.start;
      v.end = e.end;
      v.value = e.text;
      if (v.verdict == "official" && from_sender) sender_owners.push_back(kb_.FindBrand(v.brand));
      // A website's name before a link's '@', whoever it names (a registry brand's is also a look-alike).
      if (c.kind == Contact::kUrl && !from_sender && v.verdict != "lookalike" &&
          !DisguisingHost(c.host).empty()) {
        Evidence de = e;
        de.note = FillIn(kb_.EvidenceNote(in.lang, "opens"), "{host}", c.host.host);
        findings->Add("disguised_link", 1.0, de);
      }
      if (v.premium_rate) findings->Add("premium_rate_number", 1.0, e);
      if (v.verdict == "lookalike" && v.everyday && !is_mentioned_outside(kb_.FindBrand(v.brand), e)) {
        // An everyday word in a message that does not name the brand ("apple-pie-bakery.com" in a baker's
        // text): someone else's, as `verify` says of it alone.
        v.verdict = "unknown";
        v.brand.clear(), v.imitates.clear(), v.how.clear();
        v.weak = v.everyday = false;
        v.explanation = kb_.UiText(in.lang, &UiTexts::contact_verdicts, "unknown");
      }
      if (v.verdict == "lookalike") {
        const Brand* b = kb_.FindBrand(v.brand);
        if (v.everyday ? is_mentioned_outside(b, e) : !v.weak || is_mentioned(b)) {
          Evidence le = e;
          le.note = FillIn(FillIn(note("imitates", b), "{official}", v.imitates), "{how}",
                           HowWords(kb_.Ui(in.lang), v.how));
          findings->Add("lookalike_contact", 1.0, le);
          claim(b, from_sender ? "sender" : "link", e);
          mentioned[b].push_back(e);
        }
      }
      report->contacts.push_back(std::move(v));
    }
  };
  judge_all(in.sender->contacts, true);
  judge_all(*in.contacts, false);
  // Before the pushes are counted: a push to the brand's own page is none.
  DropFlagsAboutOfficialLinks(kb_, report->contacts, findings);

  bool push = HasAny(*findings, push_flags_);
  for (auto& [brand, c] : claimed) {
    auto* target = brand;  // clang 14 cannot capture a structured binding
    bool sender_official = std::any_of(sender_owners.begin(), sender_owners.end(),
                                       [&](const Brand* o) { return registry_.SameFamily(o, target); });
    if (!in.sender->contacts.empty() && !sender_official) {
      Evidence e = sender_evidence;
      e.note = note("not_official_address", brand);
      findings->Add("sender_not_official", 1.0, e);
    }
    std::string channel(ChannelName(in.channel));
    if (!channel.empty() && Contains(brand->channels_never, channel)) {
      for (Evidence e : c.evidence) {
        const auto& words = kb_.Ui(in.lang).channels;
        e.note = FillIn(note("never_contacts", brand), "{channel}",
                        words.count(channel) ? words.at(channel) : channel);
        findings->Add("channel_never_used", 1.0, e);
      }
    }
  }

  // Links that a message speaking for a brand sends elsewhere.
  const Brand* pushed = claimed.empty() && !mentioned.empty() ? BrandNearPush(*findings, mentioned) : nullptr;
  if (!claimed.empty() || pushed != nullptr) {
    for (size_t i = 0; i < in.contacts->size(); ++i) {
      const Contact& c = (*in.contacts)[i];
      if (c.kind != Contact::kUrl) continue;
      const ContactVerdict& v = report->contacts[in.sender->contacts.size() + i];
      if (v.verdict == "official") continue;
      const Brand* claimed_brand = claimed.empty() ? pushed : claimed.begin()->first;
      Evidence e = doc.Quote(c.start, c.end);
      e.note = note("not_brand_website", claimed_brand);
      findings->Add("link_not_official", 1.0, e);
    }
  }

  for (auto& [brand, c] : claimed) {
    auto* target = brand;  // clang 14 cannot capture a structured binding
    bool sender_official = std::any_of(sender_owners.begin(), sender_owners.end(),
                                       [&](const Brand* o) { return registry_.SameFamily(o, target); });
    if (sender_official) continue;
    bool strong = c.how == "disguised" || c.how == "link" || push || findings->Has("channel_never_used") ||
                  findings->Has("sender_not_official") || findings->Has("link_not_official");
    if (!strong) continue;
    // Claimed by a look-alike link alone: where the text names the brand ("Zelle: a payment ...") shows the
    // claim in the reader's words, before the link.
    std::vector<Evidence> places;
    if (c.how == "link")
      if (auto it = mentioned.find(brand); it != mentioned.end())
        for (const Evidence& m : it->second)
          if (m.field == Field::kText) places.push_back(m);
    places.insert(places.end(), c.evidence.begin(), c.evidence.end());
    for (Evidence e : places) {
      if (e.note.empty()) e.note = note("claims_to_be", brand);
      findings->Add("brand_impersonation", c.how == "disguised" ? 1.0 : 0.8, e);
    }
  }

  for (const auto& [brand, evidence] : mentioned) {
    auto it = claimed.find(brand);
    report->brands.push_back({brand->id, brand->name, it == claimed.end() ? "mentioned" : it->second.how,
                              it == claimed.end() ? evidence : it->second.evidence});
  }
}

}  // namespace redflag
