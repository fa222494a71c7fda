#include "serve/api_error.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace redflag::serve {

std::string ApiErrorJson(const ApiError& error) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("error");
  w.StartObject();
  w.Key("code");
  w.String(error.code.c_str());
  w.Key("message");
  w.String(error.message.c_str(), static_cast<rapidjson::SizeType>(error.message.size()));
  if (!error.field.empty()) {
    w.Key("field");
    w.String(error.field.c_str());
  }
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

const char* DefaultErrorCode(int status) {
  switch (status) {
    case 400: return "invalid_json";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 408: return "request_timeout";
    case 413: return "body_too_large";
    case 414: return "uri_too_long";
    case 415: return "unsupported_media_type";
    case 422: return "invalid_field";
    case 429: return "rate_limited";
    case 503: return "busy";
    default: return status >= 500 ? "internal" : "bad_request";
  }
}

ApiError FromStatus(const Status& status, const std::string& field) {
  switch (status.code()) {
    case StatusCode::kInvalidArgument: return {422, "invalid_field", status.message(), field};
    case StatusCode::kTooLarge: return {413, "body_too_large", status.message(), field};
    case StatusCode::kNotFound: return {404, "not_found", status.message(), field};
    default: return {500, "internal", status.message(), ""};
  }
}

}  // namespace redflag::serve
