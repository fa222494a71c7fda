// The failures an Authentication-Results header (RFC 8601) records: the
// receiving server's verdict on SPF, DKIM and DMARC for the message.
//   Authentication-Results: mx.example.net; spf=fail smtp.mailfrom=x.com; dkim=none; dmarc=fail
//   header.from=x.com
// gives "spf=fail" and "dmarc=fail", each with its place in the line.
#ifndef REDFLAG_INTAKE_AUTH_RESULTS_H_
#define REDFLAG_INTAKE_AUTH_RESULTS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace redflag {

struct AuthFailure {
  std::string method;         // "spf" | "dkim" | "dmarc" (lower case)
  std::string result;         // "fail" | "softfail" | "permerror" (lower case)
  size_t start = 0, end = 0;  // "method=result" in the header line, end exclusive
};

// `header` is the whole header line as received, name included (folded lines
// allowed). Comments "(...)" and quoted strings are skipped; methods other than
// spf, dkim and dmarc, and results that are not failures, are left out.
std::vector<AuthFailure> FindAuthFailures(std::string_view header);

}  // namespace redflag

#endif  // REDFLAG_INTAKE_AUTH_RESULTS_H_
