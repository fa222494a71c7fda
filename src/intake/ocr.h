// Screenshots (PNG, JPEG) to text with Tesseract, so a picture of a chat is
// checked like the chat itself. The image's size is checked from its header
// before it is decoded, so a huge or hostile image costs no memory.
//
//   redflag::OcrOptions options;           // English; see `languages`
//   auto r = redflag::RecognizeText(png_bytes, options);
//   if (r.ok()) message.text = r->text;   // r->confidence: 0..100
//
// Thread safety: RecognizeText may be called from any thread; each thread
// keeps its own Tesseract engine for the languages last asked for.
#ifndef REDFLAG_INTAKE_OCR_H_
#define REDFLAG_INTAKE_OCR_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "redflag/message.h"
#include "redflag/status.h"

namespace redflag {

struct OcrOptions {
  size_t max_bytes = 20 << 20;       // (20 MiB) the image file; over it: kTooLarge
  uint64_t max_pixels = 40'000'000;  // (40 megapixels) width x height; over it: kTooLarge
  // ("eng") Tesseract languages joined by '+': "eng+urd", "fra", "hin". Debian's
  // tesseract-ocr-LANG packages install them; more languages is slower.
  std::string languages = "eng";
  std::string datapath;     // ("") Tesseract's own: /usr/share/tesseract-ocr/5/tessdata
  int timeout_ms = 30'000;  // (30 s) recognition stops there: kTooLarge
};

struct OcrResult {
  std::string text;       // UTF-8, one line per line of the picture
  double confidence = 0;  // mean word confidence, 0..100
  uint32_t width = 0, height = 0;
};

enum class ImageFormat { kNone, kPng, kJpeg };
// From the first bytes: the PNG or JPEG signature.
ImageFormat DetectImageFormat(std::string_view bytes);

// Errors: kInvalidArgument when the bytes are not a PNG or JPEG image or do
// not decode (naming what was found instead); kTooLarge over a limit above;
// kNotFound when Tesseract's data for a language is not installed.
StatusOr<OcrResult> RecognizeText(std::string_view image_bytes, const OcrOptions& options = {});

// The screenshot as a message to check: the recognised text, with the report's
// input saying it came from OCR and how sure Tesseract was.
StatusOr<Message> ReadScreenshot(std::string_view image_bytes, const OcrOptions& options = {});

}  // namespace redflag

#endif  // REDFLAG_INTAKE_OCR_H_
