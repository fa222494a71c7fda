#include "intake/auth_results.h"

#include "text/normalize.h"

namespace redflag {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Skips spaces and comments (which nest) from `at`; returns the next position.
size_t SkipSpaceAndComments(std::string_view s, size_t at) {
  while (at < s.size()) {
    if (IsSpace(s[at])) {
      ++at;
    } else if (s[at] == '(') {
      int depth = 0;
      for (; at < s.size(); ++at) {
        if (s[at] == '\\')
          ++at;
        else if (s[at] == '(')
          ++depth;
        else if (s[at] == ')' && --depth == 0)
          break;
      }
      if (at < s.size()) ++at;
    } else {
      break;
    }
  }
  return at;
}

size_t WordEnd(std::string_view s, size_t at) {
  while (at < s.size() && (std::isalnum(static_cast<unsigned char>(s[at])) || s[at] == '-' || s[at] == '_' ||
                           s[at] == '.' || s[at] == '/'))
    ++at;
  return at;
}

}  // namespace

std::vector<AuthFailure> FindAuthFailures(std::string_view header) {
  std::vector<AuthFailure> out;
  size_t colon = header.find(':');
  if (colon == std::string_view::npos) return out;
  // Split on ';' outside comments and quoted strings; the first piece is the
  // authserv-id, each later one a "method=result ..." statement.
  std::vector<size_t> starts;
  bool quoted = false;
  int depth = 0;
  for (size_t i = colon + 1; i < header.size(); ++i) {
    char c = header[i];
    if (c == '\\')
      ++i;
    else if (quoted)
      quoted = c != '"';
    else if (c == '"')
      quoted = true;
    else if (c == '(')
      ++depth;
    else if (c == ')' && depth > 0)
      --depth;
    else if (c == ';' && depth == 0)
      starts.push_back(i + 1);
  }
  for (size_t start : starts) {
    size_t m = SkipSpaceAndComments(header, start);
    size_t m_end = WordEnd(header, m);
    std::string method = AsciiLower(header.substr(m, m_end - m));
    if (size_t slash = method.find('/'); slash != std::string::npos) method.resize(slash);  // "spf/1"
    size_t eq = SkipSpaceAndComments(header, m_end);
    if (eq >= header.size() || header[eq] != '=') continue;
    size_t r = SkipSpaceAndComments(header, eq + 1);
    size_t r_end = WordEnd(header, r);
    std::string result = AsciiLower(header.substr(r, r_end - r));
    if (method != "spf" && method != "dkim" && method != "dmarc") continue;
    if (result != "fail" && result != "softfail" && result != "permerror") continue;
    out.push_back({method, result, m, r_end});
  }
  return out;
}

}  // namespace redflag
