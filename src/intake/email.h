// Email (.eml, RFC 5322 + MIME) to a Message, with GMime. The body is the
// HTML part turned into text (links kept as "words <href>"), else the plain
// text; the sender is the From header; the header block is kept so red flags
// can quote it. The parser also reports what only an email's structure shows:
//   header_mismatch     Reply-To or Return-Path on another domain than From
//   auth_failed         SPF, DKIM or DMARC "fail" in Authentication-Results
//   link_text_mismatch  a link whose words show one domain but which goes to another
//   risky_attachment    an attachment that runs code or hides a file (.apk, .exe, .zip, ...)
//
//   auto m = redflag::ParseEmail(bytes, {});
//   if (m.ok()) report = analyzer->Analyze(*m);
//
// Thread safety: ParseEmail may be called from any thread.
#ifndef REDFLAG_INTAKE_EMAIL_H_
#define REDFLAG_INTAKE_EMAIL_H_

#include <cstddef>
#include <string_view>

#include "redflag/message.h"
#include "redflag/status.h"

namespace redflag {

struct EmailLimits {
  size_t max_bytes = 25 << 20;      // (25 MiB) the whole .eml; over it: kTooLarge
  size_t max_text_bytes = 1 << 20;  // (1 MiB) the body once decoded and turned into text
  size_t max_parts = 1000;          // MIME parts; more: kTooLarge (bounds nesting and work)
  size_t max_html_depth = 1000;     // HTML elements nested deeper: kTooLarge (parsing cost grows as its square)
};

// Errors, each naming the problem and, for broken MIME, the byte offset:
//   kInvalidArgument  not an email (no header lines), or broken MIME (a multipart
//                     without a boundary or without parts, a part without headers
//                     or content, a bad header name, nesting too deep)
//   kTooLarge         over a limit above
StatusOr<Message> ParseEmail(std::string_view bytes, const EmailLimits& limits = {});

// True when `bytes` starts like an email: header lines ("Name: value") that
// include From, Subject, Received, Return-Path, Message-ID, Date or MIME-Version.
bool LooksLikeEmail(std::string_view bytes);

}  // namespace redflag

#endif  // REDFLAG_INTAKE_EMAIL_H_
