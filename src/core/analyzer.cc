// The pipeline: normalise -> one Vectorscan pass (lexicons, brand names,
// contact points) -> brands and contacts against the registry -> judge.
#include "redflag/analyzer.h"

#include <algorithm>
#include <cstdlib>
#include <optional>

#include "detect/brand_finder.h"
#include "detect/impersonation.h"
#include "detect/lexicon.h"
#include "detect/pattern_set.h"
#include "detect/registry.h"
#include "extract/contacts.h"
#include "judge/judge.h"
#include "model/scam_model.h"
#include "text/document.h"
#include "text/language.h"
#include "text/romanized.h"

namespace redflag {

const char* Version() { return "0.1.0"; }

std::string DefaultCacheDir() {
  auto env = [](const char* name) {
    const char* v = std::getenv(name);
    return std::string(v ? v : "");
  };
  std::string dir = env("REDFLAG_CACHE_DIR");
  if (dir == "off") return "";
  if (!dir.empty()) return dir;
  if (!env("XDG_CACHE_HOME").empty()) return env("XDG_CACHE_HOME") + "/redflag";
  if (!env("HOME").empty()) return env("HOME") + "/.cache/redflag";
  return "";
}

class Analyzer::Impl {
 public:
  Impl(std::shared_ptr<const KnowledgeBase> kb, const AnalyzerOptions& options)
      : kb_(std::move(kb)),
        options_(options),
        registry_(*kb_),
        lexicon_(*kb_, &patterns_),
        brands_(*kb_, registry_, &patterns_),
        contacts_(&patterns_),
        impersonation_(*kb_, registry_),
        romanized_(kb_->romanized) {}

  Status Compile() {
    REDFLAG_RETURN_IF_ERROR(LoadModel());
    Status s = patterns_.Compile(options_.cache_dir, options_.on_compiling);
    if (s.ok()) {
      if (options_.span_compile_threads > 0) patterns_.CompileSpanFinders(options_.span_compile_threads);
      return s;
    }
    // Name the knowledge file and line of a signal pattern that failed.
    const std::string& m = s.message();
    if (m.rfind("pattern ", 0) == 0) {
      uint32_t index = static_cast<uint32_t>(std::stoul(m.substr(8)));
      std::string reason = m.substr(m.find(':') + 2);
      if (const SignalPattern* p = lexicon_.PatternAt(index))
        return KnowledgeError(p->origin.ToString() + ": pattern '" + p->id + "' does not compile: " + reason);
      if (index < patterns_.size())
        return KnowledgeError("generated pattern '" + patterns_.regex(index) + "' does not compile: " + reason);
    }
    return KnowledgeError("knowledge patterns do not compile: " + m);
  }

  bool has_model() const { return model_ != nullptr; }

  Status Check(const Message& m) const {
    if (m.text.empty() && m.subject.empty()) return InvalidArgument("the message is empty");
    for (auto [value, name] :
         {std::pair{&m.text, "text"}, {&m.from, "from"}, {&m.subject, "subject"}, {&m.headers, "headers"}}) {
      if (value->size() > options_.max_message_bytes)
        return TooLarge(std::string(name) + ": " + std::to_string(value->size()) + " bytes is over the limit of " +
                        std::to_string(options_.max_message_bytes));
      REDFLAG_RETURN_IF_ERROR(ValidateUtf8(*value, name));
    }
    return Status::Ok();
  }

  StatusOr<Report> Analyze(const Message& m, std::optional<double> model_probability = std::nullopt) const {
    REDFLAG_RETURN_IF_ERROR(Check(m));
    Report report;
    Document doc(m.subject, m.text);
    const std::string& text = doc.normalized();
    std::vector<Match> matches = patterns_.Scan(text);

    report.language = DetectLanguage(m.text.empty() ? m.subject : m.text);
    // CLD2 takes Roman Urdu and Hinglish for English or a language it guesses at ("gl"), not for one we
    // explain in, whose own words it knows well.
    if (report.language == "en" || !kb_->ui.count(report.language))
      if (std::string romanized = romanized_.Detect(text, m.country); !romanized.empty())
        report.language = romanized;
    // Explained in the message's language, or its script-less parent ("ur" for "ur-Latn"), or English.
    std::string lang = !m.lang.empty() ? m.lang : report.language;
    if (!kb_->ui.count(lang)) lang = lang.substr(0, lang.find('-'));
    if (!kb_->ui.count(lang)) lang = "en";
    report.ui_language = lang;
    report.channel = std::string(ChannelName(m.channel));

    std::vector<SignalHit> signals = lexicon_.Find(text, matches);

    // Mail is left out: a mail's prices say where a shop sells, not which numbering plan its reader uses.
    const bool mail = IsMail(m.channel, !m.subject.empty());
    std::string region = m.country;
    if (region.empty() && !mail) region = NumberRegionHint(signals);

    SenderInfo sender{m.from, {}, {}, {}};
    if (!m.from.empty()) {
      NormalizedText from = Normalize(m.from);
      std::vector<Match> from_matches = patterns_.Scan(from.text);
      sender.brands = brands_.Find(from.text, from_matches);
      sender.contacts = contacts_.Extract(from.text, from_matches, region);
      DropDisplayNameDomains(&sender.contacts);
      if (sender.contacts.empty() && !m.from.empty() && m.from[0] == '@') {
        Contact handle{};
        handle.kind = Contact::kHandle;
        handle.end = static_cast<uint32_t>(from.text.size());
        handle.value = from.text;
        handle.handle = from.text.substr(1);
        sender.contacts.push_back(std::move(handle));
      }
      sender.normalized = std::move(from.text);
    }
    std::vector<BrandHit> text_brands = brands_.Find(text, matches);
    std::vector<Contact> contacts = contacts_.Extract(text, matches, region);
    // Case is folded in `text`; whether a bare "updated.It" joins two sentences shows only as written.
    std::erase_if(contacts, [&](const Contact& c) {
      return c.kind == Contact::kUrl && !c.host.has_scheme &&
             IsSentencesJoined(doc.Quote(c.start, c.end).text);
    });

    Findings findings;
    bool code_delivery = false;
    for (const SignalHit& hit : signals) {
      if (hit.pattern->flag == "code_delivery") code_delivery = true;
      // Internal signals (shown: false) join the findings too: scam combinations and scam rules read
      // them, and the judge never reports them.
      if (kb_->FindFlag(hit.pattern->flag) == nullptr) continue;
      // A phrase that ends inside a link or number ("cancel at https") quotes all of it.
      uint32_t end = hit.end;
      for (const Contact& c : contacts)
        if (c.start < end && end < c.end) end = c.end;
      findings.Add(hit.pattern->flag, hit.pattern->weight, doc.Quote(hit.start, end));
    }
    ImpersonationInput in{&doc, &text_brands, &signals, &contacts, &sender, m.channel, lang};
    impersonation_.Run(in, &findings, &report);
    if (!mail) AddUnknownLinks(report.contacts, &findings);

    if (model_) AddModelFlag(m, code_delivery, report.contacts, lang, model_probability, &findings);
    REDFLAG_RETURN_IF_ERROR(AddInputFindings(m, &findings));
    report.input = m.input;
    JudgeReport(*kb_, {&findings, m.channel, m.country, lang, code_delivery, options_.explain}, &report);
    return report;
  }

  // The country whose number_hint signal the message carries (countries/*.yaml), or "".
  std::string NumberRegionHint(const std::vector<SignalHit>& signals) const {
    for (const Country& c : kb_->countries) {
      if (c.number_hint.empty()) continue;
      for (const SignalHit& hit : signals)
        if (hit.pattern->flag == c.number_hint) return c.code;
    }
    return "";
  }

  static bool IsLink(const ContactVerdict& c) { return c.kind == "url" || c.kind == "domain"; }

  // The internal signal unknown_link (flags.yaml): a link in the message that the registry does not know as
  // a brand's own. It adds no risk; policy.yaml pairs it with a threat ("suspended unless you act at
  // <link>"). Not for mail: newsletters and renewal reminders carry both, and a mail's own structure says
  // more.
  static void AddUnknownLinks(const std::vector<ContactVerdict>& contacts, Findings* findings) {
    for (const ContactVerdict& c : contacts)
      if (IsLink(c) && c.field != Field::kFrom && c.verdict != "official")
        findings->Add("unknown_link", 0, {c.field, c.start, c.end, c.value, ""});
  }

  // What the input's parser found (an email's headers, links, attachments).
  Status AddInputFindings(const Message& m, Findings* findings) const {
    for (const InputFinding& f : m.findings) {
      if (kb_->FindFlag(f.flag) == nullptr) return InvalidArgument("input finding: unknown red flag '" + f.flag + "'");
      const Evidence& e = f.evidence;
      const std::string& field = e.field == Field::kText      ? m.text
                                 : e.field == Field::kFrom    ? m.from
                                 : e.field == Field::kSubject ? m.subject
                                                              : m.headers;
      if (e.start > e.end || e.end > field.size())
        return InvalidArgument("input finding '" + f.flag + "': evidence [" + std::to_string(e.start) + ", " +
                               std::to_string(e.end) + ") is outside the " + std::string(FieldName(e.field)) +
                               " field");
      Evidence quoted = e;
      quoted.text = field.substr(e.start, e.end - e.start);
      findings->Add(f.flag, std::clamp(f.strength, 0.0, 1.0), std::move(quoted));
    }
    return Status::Ok();
  }

  StatusOr<ContactVerdict> Verify(const ContactQuery& q) const {
    if (q.value.empty()) return InvalidArgument("nothing to verify");
    if (q.value.size() > 2048) return TooLarge("a contact point is at most 2048 bytes");
    REDFLAG_RETURN_IF_ERROR(ValidateUtf8(q.value, "contact"));
    NormalizedText n = Normalize(q.value);
    std::string value = n.text;
    size_t first = value.find_first_not_of(" \t\r\n"), last = value.find_last_not_of(" \t\r\n");
    if (first == std::string::npos) return InvalidArgument("nothing to verify: the contact is blank");
    value = value.substr(first, last - first + 1);
    ContactKind kind = q.kind;
    // A phone link (tel:+44..., sms:...) is the number it dials.
    for (std::string_view scheme : {"tel:", "sms:"})
      if (value.rfind(scheme, 0) == 0 && value.size() > scheme.size() && kind == ContactKind::kAuto) {
        value.erase(0, scheme.size());
        kind = ContactKind::kPhone;
      }
    // A sender as a mail program shows it: "WhatsApp Support <noreply@whatsapp-security.com>".
    std::string display_name;
    if (size_t open = value.rfind('<');
        kind == ContactKind::kAuto && value.back() == '>' && open != std::string::npos && open > 0) {
      display_name = value.substr(0, open);
      value = value.substr(open + 1, value.size() - open - 2);
      kind = ContactKind::kEmail;
      display_name.erase(std::remove(display_name.begin(), display_name.end(), '"'), display_name.end());
    }
    Contact c{};
    c.kind = Contact::kUrl;
    c.end = static_cast<uint32_t>(value.size());
    c.value = value;
    c.display_name = std::move(display_name);
    if (kind == ContactKind::kAuto) {
      bool has_at = value.find('@') != std::string::npos;
      bool digits_only = std::all_of(value.begin(), value.end(), [](char ch) {
        return std::isdigit(static_cast<unsigned char>(ch)) || std::string_view("+ -().").find(ch) != std::string_view::npos;
      });
      if (!q.platform.empty() || value[0] == '@') kind = ContactKind::kHandle;
      else if (digits_only) kind = ContactKind::kPhone;
      else if (has_at && value.find("://") == std::string::npos) kind = ContactKind::kEmail;
      else kind = ContactKind::kUrl;
    }
    switch (kind) {
      case ContactKind::kHandle:
        c.kind = Contact::kHandle;
        c.handle = value[0] == '@' ? value.substr(1) : value;
        break;
      case ContactKind::kPhone:
        c.kind = Contact::kPhone;
        if (std::none_of(value.begin(), value.end(),
                         [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); }))
          return InvalidArgument("'" + q.value + "' is not a phone number: it has no digits");
        c.phone = NormalizePhone(value, "");
        if (c.phone.empty()) {  // a short code ("8171") or a number without its country code
          c.phone.clear();
          for (char ch : value)
            if (std::isdigit(static_cast<unsigned char>(ch))) c.phone.push_back(ch);
        }
        break;
      case ContactKind::kEmail: {
        c.kind = Contact::kEmail;
        size_t at = value.rfind('@');
        c.local_part = value.substr(0, at);
        if (at == std::string::npos || !ParseHost(value.substr(at + 1), &c.host))
          return InvalidArgument("'" + q.value + "' is not an email address with a known domain ending");
        break;
      }
      default:
        if (!ParseHost(value, &c.host))
          return InvalidArgument("'" + q.value + "' is not a link or domain with a known domain ending");
    }
    ContactVerdict v = impersonation_.Judge(c, q.platform, q.lang, /*standalone=*/true);
    v.value = q.value;
    return v;
  }

  StatusOr<ChannelFacts> BrandChannelFacts(const std::string& brand_id, const std::string& channel) const {
    const Brand* b = kb_->FindBrand(brand_id);
    if (b == nullptr) return NotFound("no brand '" + brand_id + "' in the knowledge base (see 'redflag kb list brands')");
    ChannelFacts f{b->id, b->name, channel, "unknown", {}, {}, b->verify_tool_name, b->verify_tool_url,
                   b->sources, b->last_reviewed};
    auto has = [](const std::vector<std::string>& v, const std::string& x) {
      return std::find(v.begin(), v.end(), x) != v.end();
    };
    if (has(b->channels_never, channel)) f.status = "never";
    else if (has(b->channels_used, channel)) f.status = "uses";
    if (channel == "web") f.official = b->web_domains;
    else if (channel == "email") f.official = b->email_domains;
    else if (channel == "call" || channel == "sms") {
      f.official = b->phones;
      f.official.insert(f.official.end(), b->short_codes.begin(), b->short_codes.end());
    } else if (auto it = b->handles.find(channel); it != b->handles.end()) {
      for (const auto& h : it->second) f.official.push_back("@" + h);
    }
    for (const Statement& s : b->statements) {
      std::string lower = s.text;
      std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
      std::string needle = channel == "call" ? "call" : channel == "sms" ? "text" : channel;
      if (lower.find(needle) != std::string::npos || (channel == "call" && lower.find("phone") != std::string::npos))
        f.statements.push_back(s);
    }
    return f;
  }

  const KnowledgeBase& kb() const { return *kb_; }

 private:
  Status LoadModel() {
    if (!options_.use_model) return Status::Ok();
    StatusOr<std::unique_ptr<ScamModel>> model =
        options_.model_path.empty() ? ScamModel::LoadEmbedded() : ScamModel::LoadFile(options_.model_path);
    if (!model.ok()) return model.status();
    model_ = std::move(*model);
    return Status::Ok();
  }

  // Whether every contact point in the message (not its sender) is official, with at least one link among
  // them; a link that carries another address ("google.com/url?q=https://...") opens that one, so it counts
  // as not official.
  static bool OnlyOfficialContacts(const std::vector<ContactVerdict>& contacts) {
    bool any_link = false;
    for (const ContactVerdict& c : contacts) {
      if (c.field == Field::kFrom) continue;
      if (c.verdict != "official") return false;
      if (IsLink(c) && CarriesAnotherAddress(c.value)) return false;
      any_link = any_link || IsLink(c);
    }
    return any_link;
  }

  // Whether the text shows the start of a link ("http", "www.") that no found link covers: a link broken
  // by spaces ("http //t.co/...") that may open anything.
  static bool HasStrayLink(const std::string& text, const std::vector<ContactVerdict>& contacts) {
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    for (std::string_view start : {"http", "hxxp", "www"})
      for (size_t at = lower.find(start); at != std::string::npos; at = lower.find(start, at + 1)) {
        bool covered = std::any_of(contacts.begin(), contacts.end(), [&](const ContactVerdict& c) {
          return c.field == Field::kText && c.start <= at && at < c.end;
        });
        if (!covered) return true;
      }
    return false;
  }

  static bool CarriesAnotherAddress(std::string link) {
    std::transform(link.begin(), link.end(), link.begin(), ::tolower);
    size_t scheme = link.find("://");
    size_t path = link.find_first_of("/?#", scheme == std::string::npos ? 0 : scheme + 3);
    if (path == std::string::npos) return false;  // a bare host
    std::string_view rest = std::string_view(link).substr(path);
    for (std::string_view inner : {"http", "www.", "%3a%2f%2f", "//"})
      if (rest.find(inner) != std::string_view::npos) return true;
    return false;
  }

  // "Amazon.com <support@amaz0n-billing.top>": the mail comes from the address; a domain in the display
  // name is a name anyone can type, and judged as a contact it made the sender "official Amazon". The
  // brand in it still counts as a claim (brands_ reads the whole field).
  static void DropDisplayNameDomains(std::vector<Contact>* contacts) {
    bool has_address = std::any_of(contacts->begin(), contacts->end(),
                                   [](const Contact& c) { return c.kind == Contact::kEmail; });
    if (!has_address) return;
    contacts->erase(std::remove_if(contacts->begin(), contacts->end(),
                                   [](const Contact& c) { return c.kind == Contact::kUrl; }),
                    contacts->end());
  }

  // The model's opinion as the red flag scam_language, quoting the words that pushed it most.
  // Words inside a link or address ("https", "com") count but are not quoted: the
  // link is shown as a contact, and a person learns nothing from its pieces.
  // `given`: the probability to judge by instead of the model's own (Analyzer::AnalyzeWithModelProbability).
  void AddModelFlag(const Message& m, bool code_delivery, const std::vector<ContactVerdict>& contacts,
                    const std::string& lang, std::optional<double> given, Findings* findings) const {
    std::vector<ModelWord> words = NeutralWords(m.subject, m.text);
    if (words.empty()) return;  // nothing to quote, so nothing to say
    ModelScore score = model_->Score(words);
    bool mail = IsMail(m.channel, !m.subject.empty());
    const ModelThresholds& t = model_->thresholds(mail);
    bool official_sender = std::any_of(contacts.begin(), contacts.end(), [](const ContactVerdict& c) {
      return c.field == Field::kFrom && c.verdict == "official";
    });
    // Pasted mail hides where its links go (the text shows "paypal.com", the link opens another site), so
    // in mail its links vouch only beside an official sender.
    bool only_official_contacts =
        OnlyOfficialContacts(contacts) && (!mail || official_sender) && !HasStrayLink(m.text, contacts);
    double strength = ModelFlagStrength(*kb_, given.value_or(score.probability), t.suspicious, t.scam,
                                        {code_delivery, official_sender, only_official_contacts});
    if (strength <= 0) return;
    // What to quote: each word outside a link with its own push, and each link with the summed push of
    // its shape markers and pieces (the score is linear, so the sum is the link's exact share). A link is
    // quoted whole, never as the pieces ("https", "com") that say nothing to a reader.
    struct Quotable {
      Field field;
      uint32_t start, end;
      float push;
      std::string_view key;  // a word folded, as the model read it; a link as written
      bool link;
    };
    std::vector<Quotable> units;
    std::vector<float> link_push(contacts.size(), 0);
    for (size_t i = 0; i < words.size(); ++i) {
      const ModelWord& w = words[i];
      auto link = std::find_if(contacts.begin(), contacts.end(), [&](const ContactVerdict& c) {
        return IsLink(c) && c.field == w.field && w.start < c.end && c.start < w.end;
      });
      if (link != contacts.end()) {
        link_push[link - contacts.begin()] += score.push[i];
        continue;
      }
      bool in_contact = std::any_of(contacts.begin(), contacts.end(), [&](const ContactVerdict& c) {
        return c.field == w.field && c.start <= w.start && w.end <= c.end;
      });
      if (!in_contact && !w.marker) units.push_back({w.field, w.start, w.end, score.push[i], w.text, false});
    }
    for (size_t k = 0; k < contacts.size(); ++k)
      if (link_push[k] != 0)
        units.push_back({contacts[k].field, contacts[k].start, contacts[k].end, link_push[k], {}, true});
    std::stable_sort(units.begin(), units.end(),
                     [](const Quotable& a, const Quotable& b) { return a.push > b.push; });
    std::vector<std::string_view> quoted;  // each word once, at its strongest
    for (Quotable& u : units) {
      if (quoted.size() >= static_cast<size_t>(kb_->model.evidence_words)) break;
      if (u.push <= 0 && !quoted.empty()) break;  // quote only what pushed towards scam
      const std::string& field = u.field == Field::kSubject ? m.subject : m.text;
      std::string_view text = std::string_view(field).substr(u.start, u.end - u.start);
      if (u.link) u.key = text;
      if (std::find(quoted.begin(), quoted.end(), u.key) != quoted.end()) continue;
      quoted.push_back(u.key);
      findings->Add("scam_language", strength,
                    {u.field, u.start, u.end, std::string(text),
                     kb_->EvidenceNote(lang, u.link ? "model_link" : "model_words")});
    }
    if (quoted.empty()) {  // every word sits inside an address: the first is all there is to quote
      const ModelWord& w = words.front();
      const std::string& field = w.field == Field::kSubject ? m.subject : m.text;
      findings->Add("scam_language", strength,
                    {w.field, w.start, w.end, field.substr(w.start, w.end - w.start),
                     kb_->EvidenceNote(lang, "model_words")});
    }
  }

  std::unique_ptr<ScamModel> model_;
  std::shared_ptr<const KnowledgeBase> kb_;
  AnalyzerOptions options_;
  PatternSet patterns_;
  BrandRegistry registry_;
  Lexicon lexicon_;
  BrandFinder brands_;
  ContactExtractor contacts_;
  ImpersonationCheck impersonation_;
  RomanizedDetector romanized_;
};

Analyzer::Analyzer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Analyzer::~Analyzer() = default;

StatusOr<std::unique_ptr<Analyzer>> Analyzer::Create(std::shared_ptr<const KnowledgeBase> kb,
                                                     const AnalyzerOptions& options) {
  if (kb == nullptr) return InvalidArgument("no knowledge base");
  auto impl = std::make_unique<Impl>(std::move(kb), options);
  REDFLAG_RETURN_IF_ERROR(impl->Compile());
  return std::unique_ptr<Analyzer>(new Analyzer(std::move(impl)));
}

StatusOr<Report> Analyzer::Analyze(const Message& message) const { return impl_->Analyze(message); }

StatusOr<Report> Analyzer::AnalyzeWithModelProbability(const Message& message, double probability) const {
  if (!impl_->has_model()) return InvalidArgument("a model probability was given, but no model is loaded");
  if (!(probability >= 0 && probability <= 1))
    return InvalidArgument("a model probability must be between 0 and 1, not " + std::to_string(probability));
  return impl_->Analyze(message, probability);
}
StatusOr<ContactVerdict> Analyzer::Verify(const ContactQuery& query) const { return impl_->Verify(query); }
StatusOr<ChannelFacts> Analyzer::BrandChannelFacts(const std::string& brand, const std::string& channel) const {
  return impl_->BrandChannelFacts(brand, channel);
}
const KnowledgeBase& Analyzer::knowledge() const { return impl_->kb(); }

}  // namespace redflag
