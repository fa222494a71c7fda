#include "serve/requests.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <array>
#include <initializer_list>
#include <string_view>

#include "text/normalize.h"

namespace redflag::serve {
namespace {

constexpr size_t kMaxReportedContacts = 20;
constexpr size_t kMaxContactBytes = 2048;

ApiError Invalid(const std::string& field, const std::string& message) {
  return {422, "invalid_field", field + ": " + message, field};
}

// Parses `body` as one JSON object whose members are all in `allowed`.
std::optional<ApiError> ParseObject(const std::string& body, std::initializer_list<std::string_view> allowed,
                                    rapidjson::Document* doc) {
  // No encoding validation here: bad UTF-8 inside a string is a bad field (422,
  // named), found by ValidateUtf8 below, not a bad document.
  doc->Parse(body.data(), body.size());
  if (doc->HasParseError())
    return ApiError{400, "invalid_json",
                    std::string("the body is not valid JSON: ") + rapidjson::GetParseError_En(doc->GetParseError()) +
                        " (at byte " + std::to_string(doc->GetErrorOffset()) + ")",
                    ""};
  if (!doc->IsObject()) return ApiError{422, "invalid_field", "the body must be a JSON object", ""};
  for (const auto& member : doc->GetObject()) {
    std::string_view name(member.name.GetString(), member.name.GetStringLength());
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      return Invalid(std::string(name), "unknown field (expected " + list + ")");
    }
  }
  return std::nullopt;
}

// Reads an optional string member (absent or null: ""), checking its UTF-8.
std::optional<ApiError> GetString(const rapidjson::Value& object, const char* field, std::string* out) {
  auto it = object.FindMember(field);
  if (it == object.MemberEnd() || it->value.IsNull()) return std::nullopt;
  if (!it->value.IsString()) return Invalid(field, "must be a string");
  out->assign(it->value.GetString(), it->value.GetStringLength());
  if (Status s = ValidateUtf8(*out, field); !s.ok()) return ApiError{422, "invalid_field", s.message(), field};
  return std::nullopt;
}

std::optional<ApiError> OneOf(const std::string& value, const std::string& field,
                              std::initializer_list<std::string_view> choices) {
  if (value.empty() || std::find(choices.begin(), choices.end(), value) != choices.end()) return std::nullopt;
  std::string list;
  for (auto c : choices) list += (list.empty() ? "" : ", ") + std::string(c);
  return Invalid(field, "'" + value + "' is not one of " + list);
}

std::optional<ApiError> CheckChannel(const std::string& value, Channel* channel) {
  if (value.empty()) return std::nullopt;
  auto parsed = ParseChannel(value);
  if (!parsed) return OneOf(value, "channel", {"sms", "whatsapp", "telegram", "email", "call", "other"});
  *channel = *parsed;
  return std::nullopt;
}

bool AllLetters(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

}  // namespace

std::optional<ApiError> CheckCountry(const std::string& value, const std::string& field) {
  if (value.empty() || (value.size() == 2 && AllLetters(value))) return std::nullopt;
  return Invalid(field, "must be a two-letter country code such as PK or GB");
}

std::optional<ApiError> CheckLang(const std::string& value, const std::string& field) {
  if (value.empty() || ((value.size() == 2 || value.size() == 3) && AllLetters(value))) return std::nullopt;
  return Invalid(field, "must be a language code such as en, fr, it or ur");
}

std::optional<ApiError> ParseCheckRequest(const std::string& body, Message* m) {
  rapidjson::Document doc;
  if (auto e = ParseObject(body, {"text", "channel", "from", "subject", "country", "lang"}, &doc)) return e;
  std::string channel;
  for (auto [field, out] : {std::pair{"text", &m->text}, {"channel", &channel}, {"from", &m->from},
                            {"subject", &m->subject}, {"country", &m->country}, {"lang", &m->lang}})
    if (auto e = GetString(doc, field, out)) return e;
  if (m->text.empty() && m->subject.empty()) return Invalid("text", "the message is empty");
  if (auto e = CheckChannel(channel, &m->channel)) return e;
  if (auto e = CheckCountry(m->country, "country")) return e;
  if (auto e = CheckLang(m->lang, "lang")) return e;
  return std::nullopt;
}

std::optional<ApiError> ParseVerifyRequest(const std::string& body, ContactQuery* q) {
  rapidjson::Document doc;
  if (auto e = ParseObject(body, {"value", "kind", "platform", "lang"}, &doc)) return e;
  std::string kind;
  for (auto [field, out] : {std::pair{"value", &q->value}, {"kind", &kind}, {"platform", &q->platform},
                            {"lang", &q->lang}})
    if (auto e = GetString(doc, field, out)) return e;
  if (q->value.empty()) return Invalid("value", "give a link, email address, phone number or handle");
  if (q->value.size() > kMaxContactBytes) return Invalid("value", "a contact point is at most 2048 bytes");
  if (auto e = OneOf(kind, "kind", {"auto", "url", "email", "phone", "handle"})) return e;
  if (kind == "url") q->kind = ContactKind::kUrl;
  if (kind == "email") q->kind = ContactKind::kEmail;
  if (kind == "phone") q->kind = ContactKind::kPhone;
  if (kind == "handle") q->kind = ContactKind::kHandle;
  if (auto e = OneOf(q->platform, "platform", {"x", "telegram", "instagram", "facebook", "whatsapp", "tiktok"}))
    return e;
  if (q->lang.empty()) q->lang = "en";
  return CheckLang(q->lang, "lang");
}

std::optional<ApiError> ParseUserReport(const std::string& body, UserReport* r) {
  rapidjson::Document doc;
  if (auto e = ParseObject(body, {"contacts", "channel", "country", "scam", "consent", "text"}, &doc)) return e;
  auto contacts = doc.FindMember("contacts");
  if (contacts == doc.MemberEnd() || !contacts->value.IsArray() || contacts->value.Empty())
    return Invalid("contacts", "give at least one contact point, as [{\"kind\": \"url\", \"value\": \"...\"}]");
  if (contacts->value.Size() > kMaxReportedContacts) return Invalid("contacts", "at most 20 contact points");
  for (rapidjson::SizeType i = 0; i < contacts->value.Size(); ++i) {
    const rapidjson::Value& c = contacts->value[i];
    std::string field = "contacts[" + std::to_string(i) + "]";
    if (!c.IsObject()) return Invalid(field, "must be an object with kind and value");
    for (const auto& member : c.GetObject()) {
      std::string_view name(member.name.GetString(), member.name.GetStringLength());
      if (name != "kind" && name != "value") return Invalid(field + "." + std::string(name), "unknown field");
    }
    ReportedContact contact;
    if (auto e = GetString(c, "kind", &contact.kind)) return Invalid(field + ".kind", e->message);
    if (auto e = GetString(c, "value", &contact.value)) return Invalid(field + ".value", e->message);
    if (contact.kind.empty()) return Invalid(field + ".kind", "missing: url, email, phone or handle");
    if (auto e = OneOf(contact.kind, field + ".kind", {"url", "email", "phone", "handle"})) return e;
    if (contact.value.empty()) return Invalid(field + ".value", "missing");
    if (contact.value.size() > kMaxContactBytes) return Invalid(field + ".value", "at most 2048 bytes");
    r->contacts.push_back(std::move(contact));
  }
  std::string channel;
  for (auto [field, out] : {std::pair{"channel", &channel}, {"country", &r->country}, {"scam", &r->scam},
                            {"text", &r->text}})
    if (auto e = GetString(doc, field, out)) return e;
  Channel parsed;
  if (auto e = CheckChannel(channel, &parsed)) return e;
  r->channel = channel;
  if (auto e = CheckCountry(r->country, "country")) return e;
  bool consent = false;
  if (auto it = doc.FindMember("consent"); it != doc.MemberEnd()) {
    if (!it->value.IsBool()) return Invalid("consent", "must be true or false");
    consent = it->value.GetBool();
  }
  // The text is kept only when the person said so, never by default.
  if (!r->text.empty() && !consent)
    return Invalid("consent", "the message text is stored only with \"consent\": true; leave text out otherwise");
  return std::nullopt;
}

}  // namespace redflag::serve
