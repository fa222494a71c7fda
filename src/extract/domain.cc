#include "extract/domain.h"

#include <glib.h>
#include <idn2.h>
#include <libpsl.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace redflag {
namespace {

const psl_ctx_t* PublicSuffixes() {
  // The system's list when present (Debian's 'publicsuffix' package), else the copy built into libpsl.
  static const psl_ctx_t* psl = [] {
    psl_ctx_t* latest = psl_latest(nullptr);
    return latest ? static_cast<const psl_ctx_t*>(latest) : psl_builtin();
  }();
  return psl;
}

void ReplaceAll(std::string* s, std::string_view from, std::string_view to) {
  for (size_t at = 0; (at = s->find(from, at)) != std::string::npos; at += to.size())
    s->replace(at, from.size(), to);
}

bool IsIpv4(std::string_view host) {
  int dots = 0;
  for (char c : host) {
    if (c == '.') ++dots;
    else if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return dots == 3;
}

// Links to an app rather than a website: "whatsapp://chat/?code=..." opens the same group invitation as
// "https://chat.whatsapp.com/...". Scammers write the app's form so that link checks and previews miss it;
// each is read as the web link it equals, and judged like it. Formats: WhatsApp's "click to chat" and
// group invite links (faq.whatsapp.com), Telegram's deep links (core.telegram.org/api/links). WhatsApp's
// website opens a chat with a number too, as wa.me does: "api.whatsapp.com/send?phone=" is that number's,
// not WhatsApp's own page.
struct AppLink {
  std::string_view prefix;  // lower case, after de-fanging; the value that follows ends at the next parameter
  std::string_view web;     // what that value is appended to
};
constexpr AppLink kAppLinks[] = {
    {"whatsapp://chat/?code=", "https://chat.whatsapp.com/"},
    {"whatsapp://chat/join/?code=", "https://chat.whatsapp.com/"},
    {"whatsapp://send/?phone=", "https://wa.me/"},
    {"whatsapp://send?phone=", "https://wa.me/"},
    {"tg://resolve?domain=", "https://t.me/"},
    {"tg://join?invite=", "https://t.me/+"},
    {"api.whatsapp.com/send?phone=", "https://wa.me/"},
    {"api.whatsapp.com/send/?phone=", "https://wa.me/"},
    {"web.whatsapp.com/send?phone=", "https://wa.me/"},
    {"web.whatsapp.com/send/?phone=", "https://wa.me/"},
};

// `s` rewritten as the web link it equals; unchanged when it is no app link.
void AppLinkAsWebLink(std::string* s) {
  std::string_view link = *s;
  for (std::string_view web_scheme : {"https://", "http://"})
    if (link.starts_with(web_scheme)) link.remove_prefix(web_scheme.size());
  for (const AppLink& a : kAppLinks) {
    if (!link.starts_with(a.prefix)) continue;
    std::string_view value = link.substr(a.prefix.size());
    *s = std::string(a.web) + std::string(value.substr(0, value.find_first_of("&#")));
    return;
  }
}

// ParseHost's work once the link is lower case, de-fanged and read as a web link.
bool ParseCanonical(std::string s, HostParts* parts) {
  *parts = HostParts{};
  if (auto scheme = s.find("://"); scheme != std::string::npos && scheme <= 8) {
    s.erase(0, scheme + 3);
    parts->has_scheme = true;
  }
  size_t host_end = s.find_first_of("/?#\\");
  std::string authority = s.substr(0, host_end);
  parts->path = host_end == std::string::npos ? "" : s.substr(host_end);
  // "https://whatsapp.com@evil.top/" goes to evil.top: the part before '@' is a user name.
  if (auto at = authority.rfind('@'); at != std::string::npos) {
    parts->userinfo = authority.substr(0, at);
    authority.erase(0, at + 1);
  }
  if (auto colon = authority.find(':'); colon != std::string::npos) authority.erase(colon);
  while (!authority.empty() && (authority.back() == '.' || authority.back() == '-')) authority.pop_back();
  if (authority.empty()) return false;

  parts->unicode = authority;
  char* ascii = nullptr;
  if (idn2_to_ascii_8z(authority.c_str(), &ascii, IDN2_NONTRANSITIONAL) == IDN2_OK) {
    parts->host = ascii;
    idn2_free(ascii);
  } else if (idn2_to_ascii_8z(authority.c_str(), &ascii, IDN2_TRANSITIONAL) == IDN2_OK) {
    parts->host = ascii;
    idn2_free(ascii);
  } else {
    return false;
  }
  if (parts->host.find("xn--") != std::string::npos) {
    char* unicode = nullptr;
    if (idn2_to_unicode_8z8z(parts->host.c_str(), &unicode, 0) == IDN2_OK) {
      parts->unicode = unicode;
      idn2_free(unicode);
    }
  }
  if (IsIpv4(parts->host)) {
    parts->is_ip = true;
    parts->registrable = parts->host;
    return true;
  }
  const psl_ctx_t* psl = PublicSuffixes();
  if (parts->host.find('.') == std::string::npos) return false;
  // The suffix must be a listed one, not just allowed by the '*' default rule.
  // It is checked whole: some countries list only their second level ("co.za", not "za").
  const char* suffix = psl_unregistrable_domain(psl, parts->host.c_str());
  if (suffix == nullptr || !psl_is_public_suffix2(psl, suffix, PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE))
    return false;
  const char* registrable = psl_registrable_domain(psl, parts->host.c_str());
  if (registrable == nullptr) return false;
  parts->registrable = registrable;
  parts->suffix = suffix;
  if (parts->registrable.size() > parts->suffix.size() + 1)
    parts->label = parts->registrable.substr(0, parts->registrable.size() - parts->suffix.size() - 1);
  parts->unicode_label = parts->label;
  if (parts->label.find("xn--") != std::string::npos) {
    char* unicode = nullptr;
    if (idn2_to_unicode_8z8z(parts->label.c_str(), &unicode, 0) == IDN2_OK) {
      parts->unicode_label = unicode;
      idn2_free(unicode);
    }
  }
  return true;
}

}  // namespace

std::string RedirectTarget(const HostParts& parts) {
  size_t query = parts.path.find('?');
  if (query == std::string::npos) return "";
  std::string_view params = std::string_view(parts.path).substr(query + 1);
  params = params.substr(0, params.find('#'));
  for (size_t at = 0; at <= params.size();) {
    size_t end = std::min(params.find('&', at), params.size());
    std::string_view pair = params.substr(at, end - at);
    at = end + 1;
    size_t equals = pair.find('=');
    if (equals == std::string_view::npos) continue;
    std::string encoded(pair.substr(equals + 1));
    char* decoded = g_uri_unescape_string(encoded.c_str(), nullptr);  // null when the escapes are malformed
    std::string value = decoded ? decoded : "";
    g_free(decoded);
    std::string lower = value;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    if (lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www."))
      return value;
  }
  return "";
}

std::string DisguisingHost(const HostParts& parts) {
  if (!parts.has_scheme || parts.userinfo.empty()) return "";
  std::string_view shown = parts.userinfo;
  auto edge = [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); };
  while (!shown.empty() && edge(shown.front())) shown.remove_prefix(1);
  while (!shown.empty() && edge(shown.back())) shown.remove_suffix(1);
  HostParts seen;
  if (shown.find('.') == std::string_view::npos || !ParseHost(shown, &seen) || seen.registrable.empty() ||
      seen.registrable == parts.registrable)
    return "";
  return seen.host;
}

bool HostIsWithin(std::string_view host, std::string_view domain) {
  if (host.size() < domain.size()) return false;
  if (host.substr(host.size() - domain.size()) != domain) return false;
  return host.size() == domain.size() || host[host.size() - domain.size() - 1] == '.';
}

bool ParseHost(std::string_view link, HostParts* parts) {
  std::string s(link);
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return c < 0x80 ? std::tolower(c) : c; });
  for (auto [from, to] : {std::pair{"[.]", "."},
                          {"(.)", "."},
                          {"[dot]", "."},
                          {"(dot)", "."},
                          {"[:]", ":"},
                          {" //", "://"},
                          {"hxxp", "http"}})
    ReplaceAll(&s, from, to);
  AppLinkAsWebLink(&s);
  // A message's link is parsed several times (the model's words, its contact points, the judge), and
  // IDNA's conversion alone takes microseconds; the answer depends on `s` only, so each thread keeps
  // its last few.
  struct Parsed {
    bool used = false, ok = false;
    std::string canonical;
    HostParts parts;
  };
  thread_local std::array<Parsed, 8> recent;
  thread_local size_t oldest = 0;
  for (const Parsed& p : recent)
    if (p.used && p.canonical == s) {
      *parts = p.parts;
      return p.ok;
    }
  Parsed& slot = recent[oldest];
  oldest = (oldest + 1) % recent.size();
  slot.canonical = s;
  slot.ok = ParseCanonical(std::move(s), parts);
  slot.parts = *parts;
  slot.used = true;
  return slot.ok;
}

}  // namespace redflag
