#include "intake/input.h"

#include <re2/re2.h>

#include "intake/call_transcript.h"
#include "intake/chat_export.h"

namespace redflag {
namespace {

std::string LowerExtension(std::string_view name) {
  size_t slash = name.find_last_of("/\\");
  std::string_view base = slash == std::string_view::npos ? name : name.substr(slash + 1);
  size_t dot = base.rfind('.');
  if (dot == std::string_view::npos) return "";
  std::string ext(base.substr(dot + 1));
  for (char& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return ext;
}

bool IsImage(std::string_view head) {
  return head.starts_with("\x89PNG\r\n\x1a\n") || head.starts_with("\xFF\xD8\xFF") || head.starts_with("GIF8") ||
         (head.size() >= 12 && head.starts_with("RIFF") && head.substr(8, 4) == "WEBP");
}

// Two or more mail headers before the first blank line, starting on the first line.
bool LooksLikeMail(std::string_view head) {
  static const RE2 kHeader(
      R"((?i)(?:from|to|cc|subject|date|received|return-path|message-id|mime-version|delivered-to|content-type|)"
      R"(reply-to|dkim-signature|authentication-results|x-[a-z0-9-]+):(?:[ \t].*)?)");
  if (head.starts_with("From ")) return true;  // an mbox "From " line
  int headers = 0;
  size_t pos = 0;
  bool first = true;
  while (pos < head.size()) {
    size_t nl = head.find('\n', pos);
    std::string_view line = head.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;
    if (line.front() == ' ' || line.front() == '\t') {  // a folded header line
    } else if (RE2::FullMatch(re2::StringPiece(line.data(), line.size()), kHeader)) {
      ++headers;
    } else {
      return false;
    }
    if (first && headers == 0) return false;
    first = false;
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return headers >= 2;
}

std::string_view FirstNonBlankLine(std::string_view head) {
  size_t pos = 0;
  while (pos < head.size()) {
    size_t nl = head.find('\n', pos);
    std::string_view line = head.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) return line;
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return {};
}

}  // namespace

std::string_view InputKindName(InputKind kind) {
  switch (kind) {
    case InputKind::kAuto: return "auto";
    case InputKind::kText: return "text";
    case InputKind::kChat: return "chat";
    case InputKind::kCall: return "call";
    case InputKind::kEml: return "eml";
    case InputKind::kImage: return "image";
  }
  return "auto";
}

std::optional<InputKind> ParseInputKind(std::string_view name) {
  for (InputKind k : {InputKind::kAuto, InputKind::kText, InputKind::kChat, InputKind::kCall, InputKind::kEml,
                      InputKind::kImage})
    if (InputKindName(k) == name) return k;
  return std::nullopt;
}

bool IsZip(std::string_view head) { return head.starts_with("PK\x03\x04") || head.starts_with("PK\x05\x06"); }

InputKind DetectInputKind(std::string_view file_name, std::string_view head) {
  std::string ext = LowerExtension(file_name);
  if (IsZip(head) || ext == "zip") return InputKind::kChat;
  if (IsImage(head) || ext == "png" || ext == "jpg" || ext == "jpeg" || ext == "gif" || ext == "webp")
    return InputKind::kImage;
  if (ext == "eml" || LooksLikeMail(head)) return InputKind::kEml;
  if (LooksLikeChatExportLine(FirstNonBlankLine(head))) return InputKind::kChat;
  TranscriptShape shape = MeasureTranscript(head);
  if (shape.labelled >= 2 && shape.speakers >= 2 && shape.labelled * 10 >= shape.lines * 6) return InputKind::kCall;
  return InputKind::kText;
}

StatusOr<Message> ReadSingleMessageInput(InputKind kind, std::string_view data, const std::string& name,
                                         const SingleMessageOptions& options) {
  StatusOr<Message> message = kind == InputKind::kEml ? ParseEmail(data, options.email)
                              : kind == InputKind::kImage
                                  ? ReadScreenshot(data, options.ocr)
                                  : InvalidArgument(std::string(InputKindName(kind)) + " is not one message");
  if (!message.ok()) return Status(message.status().code(), name + ": " + message.status().message());
  return message;
}

}  // namespace redflag
