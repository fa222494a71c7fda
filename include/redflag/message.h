// File: message.h
// Message: one message to analyse, with what is known about where it came from.
#ifndef REDFLAG_MESSAGE_H_
#define REDFLAG_MESSAGE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "redflag/report.h"

namespace redflag {

// The channel a message arrived on. Brands state which channels they never use
// ("WhatsApp never phones you"), so the channel is evidence.
enum class Channel { kUnknown, kSms, kWhatsApp, kTelegram, kEmail, kCall, kOther };

std::string_view ChannelName(Channel channel);            // "sms", "whatsapp", ...; "" for kUnknown
std::optional<Channel> ParseChannel(std::string_view name);  // nullopt for a name not listed above

// A red flag that an input parser found in a message's structure rather than
// its words: an email's headers, its links, its attachments. The analyzer
// reports it as given, after checking that `evidence` lies inside the field it
// names (its `text` is filled from that field).
struct InputFinding {
  std::string flag;       // an id from knowledge/flags.yaml, e.g. "auth_failed"
  double strength = 1.0;  // 0..1
  Evidence evidence;
};

struct Message {
  std::string text;     // UTF-8, as received. Evidence offsets index into it.
  Channel channel = Channel::kUnknown;
  std::string from;     // sender: address, number, handle or display name ("Binance Support <x@y>")
  std::string subject;  // email subject, if any
  std::string country;  // ISO 3166 alpha-2 of the reader ("PK"); chooses where to report
  std::string lang;     // language of the explanations; empty: the message's own language
  // Filled by the input parsers (src/intake/email.h, ocr.h); empty for typed text.
  std::string headers;  // an email's header block as received (then each attachment's naming header line)
  std::vector<InputFinding> findings;
  InputSummary input;   // where the text came from; copied to the report
};

}  // namespace redflag

#endif  // REDFLAG_MESSAGE_H_
