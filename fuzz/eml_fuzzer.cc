// ParseEmail on any bytes: never a crash, and whatever it returns keeps the
// contract the analyzer relies on (valid UTF-8 fields, evidence inside them).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "intake/email.h"
#include "text/normalize.h"

namespace {

void Require(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  redflag::EmailLimits limits;
  limits.max_bytes = 1 << 20;
  limits.max_text_bytes = 1 << 20;
  limits.max_parts = 200;
  auto m = redflag::ParseEmail(std::string_view(reinterpret_cast<const char*>(data), size), limits);
  if (!m.ok()) {
    Require(!m.status().message().empty());
    return 0;
  }
  for (const std::string* field : {&m->text, &m->from, &m->subject, &m->headers})
    Require(redflag::ValidateUtf8(*field, "field").ok());
  for (const redflag::InputFinding& f : m->findings) {
    const std::string& field = f.evidence.field == redflag::Field::kText      ? m->text
                               : f.evidence.field == redflag::Field::kHeaders ? m->headers
                                                                              : m->subject;
    Require(f.evidence.start <= f.evidence.end && f.evidence.end <= field.size());
  }
  return 0;
}
