// One line per request: time, route (method and path pattern), status, latency and the client's
// network (never its full address). Never the body, the query string or
// anything else a person wrote.
#ifndef REDFLAG_SERVE_ACCESS_LOG_H_
#define REDFLAG_SERVE_ACCESS_LOG_H_

#include <mutex>
#include <ostream>
#include <string>

namespace redflag::serve {

// "203.0.113.0/24" for 203.0.113.7; "2001:db8:1::/48" for an IPv6 address.
std::string RedactClient(const std::string& address);

// The metrics label for a path: the route pattern ("/v1/brands/{id}"), so
// neither logs nor metrics grow with what clients send.
std::string RouteLabel(const std::string& method, const std::string& path);

class AccessLog {
 public:
  explicit AccessLog(std::ostream* out) : out_(out) {}  // nullptr: off
  // `route`: RouteLabel(), never the raw path, which a client could fill with anything.
  void Write(const std::string& route, int status, double seconds, const std::string& client);

 private:
  std::ostream* out_;
  std::mutex mutex_;
};

}  // namespace redflag::serve

#endif  // REDFLAG_SERVE_ACCESS_LOG_H_
