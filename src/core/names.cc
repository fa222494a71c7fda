// String names of the public enums, and Status::ToString.
#include <array>

#include "redflag/message.h"
#include "redflag/report.h"
#include "redflag/status.h"

namespace redflag {

namespace {
constexpr std::array<std::pair<Channel, std::string_view>, 6> kChannelNames = {{
    {Channel::kSms, "sms"},
    {Channel::kWhatsApp, "whatsapp"},
    {Channel::kTelegram, "telegram"},
    {Channel::kEmail, "email"},
    {Channel::kCall, "call"},
    {Channel::kOther, "other"},
}};
}  // namespace

std::string_view ChannelName(Channel channel) {
  for (const auto& [c, name] : kChannelNames)
    if (c == channel) return name;
  return "";
}

std::optional<Channel> ParseChannel(std::string_view name) {
  for (const auto& [c, n] : kChannelNames)
    if (n == name) return c;
  return std::nullopt;
}

std::string_view VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kScam: return "scam";
    case Verdict::kSuspicious: return "suspicious";
    case Verdict::kNoRedFlags: return "no_red_flags";
  }
  return "";
}

std::string_view FieldName(Field field) {
  switch (field) {
    case Field::kText: return "text";
    case Field::kFrom: return "from";
    case Field::kSubject: return "subject";
    case Field::kHeaders: return "headers";
  }
  return "";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return message_;
}

}  // namespace redflag
