// WhatsApp chat exports: the .txt that "Export chat" writes on Android and
// iOS, alone or in the .zip that also holds the media.
//
//   Android  31/12/2023, 21:41 - Ayesha: Salaam!          12/31/23, 9:41 PM - Bob: Hi
//   iOS      [31/12/2023, 21:41:05] Ayesha: Salaam!       [12/31/23, 9:41:05 PM] Bob: Hi
//
// Dates in day/month/year, month/day/year or year/month/day order with "/",
// "." or "-"; 12- and 24-hour clocks with the AM/PM markers of the en, fr, it,
// es, pt, de and ur locales ("p. m.", "nachm.", "ص"/"م", ...). A line that
// does not start with a date continues the message before it. Lines the app
// writes itself (encryption notice, media omitted, deleted messages, group
// changes, security-code and number changes) are kept and marked as such.
//
// The parser is fed bytes in pieces and keeps only the messages it returns,
// within ConversationLimits: a large export costs bounded memory.
#ifndef REDFLAG_INTAKE_CHAT_EXPORT_H_
#define REDFLAG_INTAKE_CHAT_EXPORT_H_

#include <istream>
#include <memory>
#include <string>
#include <string_view>

#include "conversation/conversation.h"
#include "redflag/status.h"

namespace redflag {

class ChatExportParser {
 public:
  // `name` names the input in errors ("chat.txt", "chat.zip:_chat.txt").
  ChatExportParser(std::string name, const ConversationLimits& limits);
  ~ChatExportParser();
  ChatExportParser(const ChatExportParser&) = delete;
  ChatExportParser& operator=(const ChatExportParser&) = delete;

  // The next bytes of the export; a line may be split across calls. An error
  // (not a chat export, invalid UTF-8) names the line; after one, or once a
  // limit is reached (full() turns true), further bytes are ignored.
  Status Feed(std::string_view bytes);
  bool full() const;
  // The end of the input: the conversation, or why the input is not a chat export.
  StatusOr<Conversation> Finish();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// The whole .txt at once.
StatusOr<Conversation> ParseChatExport(std::string_view data, const ConversationLimits& limits = {},
                                       const std::string& name = "chat");
// Streams a .txt from `in`, reading 64 KiB at a time.
StatusOr<Conversation> ParseChatExportStream(std::istream& in, const ConversationLimits& limits,
                                             const std::string& name);
// A .zip export held in memory, or read from a file: the chat is "_chat.txt"
// (iOS), else the one .txt file inside (Android). Errors name what is wrong
// with the archive ("corrupt zip: ...", "no chat .txt inside").
StatusOr<Conversation> ParseChatExportZip(std::string_view zip_bytes, const ConversationLimits& limits,
                                          const std::string& name = "chat.zip");
StatusOr<Conversation> ParseChatExportZipFile(const std::string& path, const ConversationLimits& limits);

// True when `line` starts like a line of a chat export (a date, a time and
// " - " or "] "): used to recognise an export from its first line.
bool LooksLikeChatExportLine(std::string_view line);

}  // namespace redflag

#endif  // REDFLAG_INTAKE_CHAT_EXPORT_H_
