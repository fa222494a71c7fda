#include "serve/access_log.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace redflag::serve {

std::string RedactClient(const std::string& address) {
  if (address.find(':') != std::string::npos) {  // IPv6: keep the first three groups
    size_t pos = 0;
    int colons = 0;
    for (; colons < 3; ++colons, ++pos) {
      pos = address.find(':', pos);
      if (pos == std::string::npos) break;
    }
    return colons < 3 ? "::/48" : address.substr(0, pos - 1) + "::/48";
  }
  size_t last_dot = address.rfind('.');
  if (last_dot == std::string::npos) return "unknown";
  return address.substr(0, last_dot) + ".0/24";
}

std::string RouteLabel(const std::string& method, const std::string& path) {
  static const char* const kFixed[] = {"/v1/check",  "/v1/verify",  "/v1/brands", "/v1/scams",
                                       "/v1/reports", "/v1/stats",  "/v1/countries", "/healthz",
                                       "/metrics",   "/openapi.json", "/"};
  for (const char* fixed : kFixed)
    if (path == fixed) return method + " " + fixed;
  if (path.rfind("/v1/brands/", 0) == 0) return method + " /v1/brands/{id}";
  if (path.rfind("/v1/scams/", 0) == 0) return method + " /v1/scams/{id}";
  if (path.rfind("/v1/", 0) == 0) return method + " /v1/other";
  return method + " /static";
}

void AccessLog::Write(const std::string& route, int status, double seconds, const std::string& client) {
  if (out_ == nullptr) return;
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char line[160];
  char stamp[32];
  std::strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
  std::snprintf(line, sizeof(line), "%s %s %d %.2fms client=%s\n", stamp, route.c_str(), status, seconds * 1000,
                RedactClient(client).c_str());
  std::lock_guard lock(mutex_);
  *out_ << line << std::flush;
}

}  // namespace redflag::serve
