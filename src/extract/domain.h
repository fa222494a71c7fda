// Host names: from a link as written to the registrable domain it belongs to.
// The Public Suffix List (libpsl) says where the registrable part starts
// ("evil.co.uk", not "co.uk"); IDNA (libidn2) turns "wһatsapp.com" into
// punycode and back.
#ifndef REDFLAG_EXTRACT_DOMAIN_H_
#define REDFLAG_EXTRACT_DOMAIN_H_

#include <string>
#include <string_view>

namespace redflag {

struct HostParts {
  std::string host;         // lower case ASCII (punycode for IDN): "login.whatsapp-verify.com"
  std::string unicode;      // the host in Unicode: "login.wһatsapp.com" (same as host for ASCII)
  std::string registrable;  // "whatsapp-verify.com"; empty when none (an IP, a bare suffix)
  std::string suffix;       // the public suffix: "com", "co.uk"
  std::string label;        // registrable minus suffix: "whatsapp-verify"
  std::string unicode_label;  // the label in Unicode ("wһatsapp" for "xn--watsapp-...")
  std::string path;         // what follows the host, lower case: "/login"
  std::string userinfo;     // a link's part before '@': "whatsapp.com" in "https://whatsapp.com@evil.top/"
  bool has_scheme = false;  // written with http(s):// or a defanged hxxp://
  bool is_ip = false;
};

// Parses a link or bare domain, undoing defanging ("hxxp", "[.]", "(.)", "[dot]", "http //"). A link to an
// app is read as the web link it equals: "whatsapp://chat/?code=Ab1" as "https://chat.whatsapp.com/Ab1",
// "whatsapp://send?phone=N" as "https://wa.me/N", "tg://resolve?domain=name" as "https://t.me/name".
// Returns false when it holds no usable host (no known public suffix).
bool ParseHost(std::string_view link, HostParts* parts);

// The website a link's part before '@' reads like: "www.unionbank.org" in
// "https://www.UnionBank.Org_@nx.tn/x", which a reader sees first while the
// browser opens the host after the '@'. "" when it reads like no website, or
// like the link's own registrable domain.
std::string DisguisingHost(const HostParts& parts);

// The address a link hands on in its query, as a redirect does: "https://evil.top/x" for
// "https://www.google.com/url?q=https%3A%2F%2Fevil.top%2Fx". The first query value that is a web address
// (http://, https:// or www.), decoded; "" when there is none.
std::string RedirectTarget(const HostParts& parts);

// True when `host` is `domain` or one of its subdomains.
bool HostIsWithin(std::string_view host, std::string_view domain);

}  // namespace redflag

#endif  // REDFLAG_EXTRACT_DOMAIN_H_
