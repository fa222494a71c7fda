// libFuzzer target: the call transcript parser and transcript detection.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "intake/call_transcript.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  redflag::ConversationLimits limits;
  limits.max_messages = 200;
  limits.max_total_bytes = 1 << 20;
  limits.max_message_bytes = 4096;
  (void)redflag::ParseCallTranscript(bytes, limits, "fuzz.txt");
  (void)redflag::MeasureTranscript(bytes);
  return 0;
}
