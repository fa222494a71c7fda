// An API error: an HTTP status, a stable machine code and a message saying
// what was wrong (and, for a bad field, which one). Written as
//   {"error": {"code": "invalid_field", "message": "...", "field": "channel"}}
#ifndef REDFLAG_SERVE_API_ERROR_H_
#define REDFLAG_SERVE_API_ERROR_H_

#include <string>

#include "redflag/status.h"

namespace redflag::serve {

struct ApiError {
  int status = 500;
  std::string code;     // stable: "invalid_json", "invalid_field", "not_found", ...
  std::string message;  // for people
  std::string field;    // the request field at fault, if any
};

std::string ApiErrorJson(const ApiError& error);

// The stable code for each status the API returns.
const char* DefaultErrorCode(int status);

// Maps an engine Status to an API error (kInvalidArgument → 422 on `field`, ...).
ApiError FromStatus(const Status& status, const std::string& field);

}  // namespace redflag::serve

#endif  // REDFLAG_SERVE_API_ERROR_H_
