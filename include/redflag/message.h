// File: message.h
// Message: one message to analyse, with what is known about where it came from.
#ifndef REDFLAG_MESSAGE_H_
#define REDFLAG_MESSAGE_H_

#include <optional>
#include <string>
#include <string_view>

namespace redflag {

// The channel a message arrived on. Brands state which channels they never use
// ("WhatsApp never phones you"), so the channel is evidence.
enum class Channel { kUnknown, kSms, kWhatsApp, kTelegram, kEmail, kCall, kOther };

std::string_view ChannelName(Channel channel);            // "sms", "whatsapp", ...; "" for kUnknown
std::optional<Channel> ParseChannel(std::string_view name);  // nullopt for a name not listed above

struct Message {
  std::string text;     // UTF-8, as received. Evidence offsets index into it.
  Channel channel = Channel::kUnknown;
  std::string from;     // sender: address, number, handle or display name ("Binance Support <x@y>")
  std::string subject;  // email subject, if any
  std::string country;  // ISO 3166 alpha-2 of the reader ("PK"); chooses where to report
  std::string lang;     // language of the explanations; empty: the message's own language
};

}  // namespace redflag

#endif  // REDFLAG_MESSAGE_H_
