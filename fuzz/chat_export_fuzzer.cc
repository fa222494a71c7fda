// libFuzzer target: the WhatsApp chat export parser, as text fed in pieces and
// as a zip. It must return a conversation or an error, never crash or hang,
// within the limits below.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "intake/chat_export.h"
#include "intake/input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  redflag::ConversationLimits limits;
  limits.max_messages = 200;
  limits.max_total_bytes = 1 << 20;
  limits.max_message_bytes = 4096;
  if (redflag::IsZip(bytes)) {
    (void)redflag::ParseChatExportZip(bytes, limits, "fuzz.zip");
    return 0;
  }
  // Split where the first byte says, so lines cross piece boundaries.
  size_t cut = size == 0 ? 0 : data[0] % (size + 1);
  redflag::ChatExportParser parser("fuzz.txt", limits);
  if (parser.Feed(bytes.substr(0, cut)).ok()) (void)parser.Feed(bytes.substr(cut));
  (void)parser.Finish();
  (void)redflag::DetectInputKind("", bytes);
  return 0;
}
