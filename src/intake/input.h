// What kind of input `check` was given: one message as text, a chat export, a
// call transcript, an email or a screenshot. Decided from --input, else from
// the file's name and its first bytes.
#ifndef REDFLAG_INTAKE_INPUT_H_
#define REDFLAG_INTAKE_INPUT_H_

#include <optional>
#include <string>
#include <string_view>

#include "intake/email.h"
#include "intake/ocr.h"
#include "redflag/message.h"
#include "redflag/status.h"

namespace redflag {

enum class InputKind { kAuto, kText, kChat, kCall, kEml, kImage };

std::string_view InputKindName(InputKind kind);  // "auto" | "text" | "chat" | "call" | "eml" | "image"
std::optional<InputKind> ParseInputKind(std::string_view name);

// How many leading bytes DetectInputKind looks at.
constexpr size_t kSniffBytes = 64 * 1024;

// From the name (extension; "" or "-" for standard input) and the first bytes:
//   zip magic or .zip -> chat (a WhatsApp export zip)   PNG/JPEG/GIF/WebP magic or extension -> image
//   .eml, or mail headers ("From:", "Subject:", "Received:", ...) up to the first blank line -> eml
//   a first line "31/12/2023, 21:41 - ..." or "[31/12/2023, 21:41:05] ..." -> chat
//   most lines "Label: ..." with two or more speakers -> call        anything else -> text
InputKind DetectInputKind(std::string_view file_name, std::string_view head);

// True when the bytes start like a zip archive.
bool IsZip(std::string_view head);

struct SingleMessageOptions {
  EmailLimits email;
  OcrOptions ocr;
};

// The input as one message, for the kinds that are one message with a sender
// and subject: an email (GMime) or a screenshot (Tesseract). Errors start with `name`.
StatusOr<Message> ReadSingleMessageInput(InputKind kind, std::string_view data, const std::string& name,
                                         const SingleMessageOptions& options = {});

}  // namespace redflag

#endif  // REDFLAG_INTAKE_INPUT_H_
