// File: status.h
// Status and StatusOr<T>: how every public redflag function reports failure.
// No exception crosses the public API. A Status carries a code and a message
// that says what was wrong and where ("knowledge/brands/x.yaml:12: ...").
//
//   redflag::StatusOr<redflag::Report> report = analyzer->Analyze(message);
//   if (!report.ok()) { std::cerr << report.status().ToString(); return; }
//   Use(*report);
#ifndef REDFLAG_STATUS_H_
#define REDFLAG_STATUS_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace redflag {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,    // the caller's input is wrong (bad UTF-8, empty text, bad option)
  kTooLarge,           // the input is over a configured size limit
  kNotFound,           // a named thing (file, brand, scam) does not exist
  kKnowledgeError,     // the knowledge base is broken
  kInternal,           // a bug or a failing library
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status TooLarge(std::string m) { return {StatusCode::kTooLarge, std::move(m)}; }
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status KnowledgeError(std::string m) { return {StatusCode::kKnowledgeError, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design
  StatusOr(Status status) : status_(std::move(status)) {}  // NOLINT: must not be OK
  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace redflag

#define REDFLAG_RETURN_IF_ERROR(expr)           \
  do {                                          \
    ::redflag::Status redflag_status_ = (expr); \
    if (!redflag_status_.ok()) return redflag_status_; \
  } while (0)

#endif  // REDFLAG_STATUS_H_
