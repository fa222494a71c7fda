// Conversation: several messages between people, as read from a chat export or
// a call transcript, before analysis. The parsers (src/intake/chat_export.h,
// src/intake/call_transcript.h) fill it; ConversationAnalyzer
// (src/conversation/analyze.h) judges it.
#ifndef REDFLAG_CONVERSATION_CONVERSATION_H_
#define REDFLAG_CONVERSATION_CONVERSATION_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "redflag/message.h"

namespace redflag {

// What a line the app wrote itself says. Such lines are shown, never analysed
// as something a person wrote.
enum class SystemKind {
  kNone,            // a person wrote it
  kEncryption,      // "Messages and calls are end-to-end encrypted..."
  kMediaOmitted,    // "<Media omitted>", "image omitted", "<attached: ...>"
  kDeleted,         // "This message was deleted"
  kGroupChange,     // created group, added, left, changed the subject or icon
  kSecurityCode,    // "Your security code with X changed"
  kNumberChange,    // "X changed their phone number"
  kOther,           // any other line written by the app
};
std::string_view SystemKindName(SystemKind kind);  // "encryption", "media_omitted", ...

struct ConversationMessage {
  size_t line = 0;           // 1-based line of the input where it starts
  std::optional<int64_t> time;  // seconds since 1970-01-01 in the export's own (unknown) time zone
  std::string sender;        // as written ("Mum", "+44 7700 900123", "Caller"); "" for app lines
  std::string text;          // UTF-8; lines of a multi-line message joined with "\n"
  SystemKind system = SystemKind::kNone;
};

struct Conversation {
  Channel channel = Channel::kUnknown;  // whatsapp for chat exports, call for transcripts
  std::string format;                   // "whatsapp_android" | "whatsapp_ios" | "call_transcript"
  std::string self;                     // the sender who is the reader ("Me" in a transcript); "" if unknown
  std::vector<ConversationMessage> messages;  // in input order
  // Set when a limit stopped reading early: what was left out and why. Never silent.
  std::string truncated;
  // Things the reader should know that did not stop the parse ("line 80: message over 1 MiB left out").
  std::vector<std::string> notes;
};

// Limits that keep memory bounded whatever the input.
struct ConversationLimits {
  size_t max_messages = 5000;          // more: the rest is left out and `truncated` says so
  size_t max_total_bytes = 64 << 20;   // (64 MiB) of text read, also inside a zip
  size_t max_message_bytes = 1 << 20;  // (1 MiB) a longer message is left out with a note
};

}  // namespace redflag

#endif  // REDFLAG_CONVERSATION_CONVERSATION_H_
