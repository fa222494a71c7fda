// The screenshot path on any bytes: signature and header checks, decoding
// (leptonica, libpng, libjpeg) and Tesseract, with small limits so each input
// costs milliseconds. Never a crash; a refusal always says why.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "intake/ocr.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  redflag::OcrOptions options;
  options.max_bytes = 64 << 10;
  options.max_pixels = 160 * 120;
  options.timeout_ms = 2000;
  auto r = redflag::RecognizeText(std::string_view(reinterpret_cast<const char*>(data), size), options);
  if (!r.ok() && r.status().message().empty()) __builtin_trap();
  return 0;
}
