// The API's request bodies: JSON objects read into engine types, with errors
// that name what was wrong: 400 for a body that is not JSON (with the byte
// offset), 422 for a valid body with a bad field (with the field).
// Unknown fields are refused, so a misspelt "chanel" is not silently ignored.
#ifndef REDFLAG_SERVE_REQUESTS_H_
#define REDFLAG_SERVE_REQUESTS_H_

#include <optional>
#include <string>

#include "redflag/analyzer.h"
#include "redflag/message.h"
#include "serve/api_error.h"
#include "serve/store.h"

namespace redflag::serve {

// POST /v1/check: {"text", "channel", "from", "subject", "country", "lang"}
std::optional<ApiError> ParseCheckRequest(const std::string& body, Message* message);

// POST /v1/verify: {"value", "kind", "platform", "lang"}
std::optional<ApiError> ParseVerifyRequest(const std::string& body, ContactQuery* query);

// POST /v1/reports: {"contacts": [{"kind", "value"}], "channel", "country", "scam", "consent", "text"}
std::optional<ApiError> ParseUserReport(const std::string& body, UserReport* report);

// Shared checks, also used for query parameters.
std::optional<ApiError> CheckCountry(const std::string& value, const std::string& field);
std::optional<ApiError> CheckLang(const std::string& value, const std::string& field);

}  // namespace redflag::serve

#endif  // REDFLAG_SERVE_REQUESTS_H_
