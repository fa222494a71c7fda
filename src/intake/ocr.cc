#include "intake/ocr.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>

#include <memory>
#include <mutex>

namespace redflag {
namespace {

struct PixDeleter {
  void operator()(Pix* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

std::string Hex(std::string_view bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < bytes.size() && i < 8; ++i) {
    auto b = static_cast<unsigned char>(bytes[i]);
    if (i) out += ' ';
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

// One engine per thread, kept while the languages stay the same: loading the
// language data takes far longer than reading one screenshot.
class ThreadEngine {
 public:
  StatusOr<tesseract::TessBaseAPI*> Get(const OcrOptions& o) {
    if (api_ && languages_ == o.languages && datapath_ == o.datapath) return api_.get();
    api_ = std::make_unique<tesseract::TessBaseAPI>();
    languages_ = o.languages;
    datapath_ = o.datapath;
    // Tesseract writes its warnings to stderr; a library stays quiet.
    api_->SetVariable("debug_file", "/dev/null");
    if (api_->Init(o.datapath.empty() ? nullptr : o.datapath.c_str(), o.languages.c_str(),
                   tesseract::OEM_LSTM_ONLY) != 0) {
      api_.reset();
      return NotFound("OCR: no Tesseract data for languages '" + o.languages +
                      "' (install tesseract-ocr-<lang>, e.g. tesseract-ocr-eng)");
    }
    return api_.get();
  }

 private:
  std::unique_ptr<tesseract::TessBaseAPI> api_;
  std::string languages_, datapath_;
};

void QuietLeptonica() {
  static std::once_flag once;
  std::call_once(once, [] { setMsgSeverity(L_SEVERITY_NONE); });
}

}  // namespace

ImageFormat DetectImageFormat(std::string_view b) {
  if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return ImageFormat::kPng;
  if (b.size() >= 3 && b.substr(0, 3) == "\xff\xd8\xff") return ImageFormat::kJpeg;
  return ImageFormat::kNone;
}

StatusOr<OcrResult> RecognizeText(std::string_view bytes, const OcrOptions& o) {
  if (bytes.size() > o.max_bytes)
    return TooLarge("the image is " + std::to_string(bytes.size()) + " bytes, over the limit of " +
                    std::to_string(o.max_bytes));
  ImageFormat format = DetectImageFormat(bytes);
  if (format == ImageFormat::kNone)
    return InvalidArgument("not a PNG or JPEG image: it starts with bytes " + Hex(bytes) +
                           (bytes.empty() ? "(none)" : ""));
  QuietLeptonica();
  const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
  l_int32 kind = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
  if (pixReadHeaderMem(data, bytes.size(), &kind, &w, &h, &bps, &spp, &cmap) != 0 || w <= 0 || h <= 0)
    return InvalidArgument(std::string("the ") + (format == ImageFormat::kPng ? "PNG" : "JPEG") +
                           " image's header is broken");
  uint64_t pixels = static_cast<uint64_t>(w) * static_cast<uint64_t>(h);
  if (pixels > o.max_pixels)
    return TooLarge("the image is " + std::to_string(w) + "x" + std::to_string(h) + " = " +
                    std::to_string(pixels) + " pixels, over the limit of " + std::to_string(o.max_pixels));
  PixPtr pix(pixReadMem(data, bytes.size()));
  if (!pix)
    return InvalidArgument(std::string("the ") + (format == ImageFormat::kPng ? "PNG" : "JPEG") +
                           " image does not decode (truncated or corrupt)");
  // Tesseract reads text best at about 300 dpi; a phone screenshot's small
  // letters gain from being doubled first.
  if (w < 1200 && pixels * 4 <= o.max_pixels) {
    if (Pix* scaled = pixScale(pix.get(), 2.0f, 2.0f)) pix.reset(scaled);
  }

  thread_local ThreadEngine engine;
  StatusOr<tesseract::TessBaseAPI*> api = engine.Get(o);
  if (!api.ok()) return api.status();
  tesseract::TessBaseAPI* t = *api;
  t->SetImage(pix.get());
  t->SetSourceResolution(300);
  tesseract::ETEXT_DESC monitor;
  monitor.set_deadline_msecs(o.timeout_ms);
  int rc = t->Recognize(&monitor);
  if (monitor.deadline_exceeded()) {
    t->Clear();
    return TooLarge("OCR took longer than " + std::to_string(o.timeout_ms) + " ms; gave up");
  }
  if (rc != 0) {
    t->Clear();
    return Internal("OCR failed on the image");
  }
  std::unique_ptr<char[]> text(t->GetUTF8Text());
  OcrResult result;
  result.text = text ? text.get() : "";
  result.confidence = t->MeanTextConf();
  result.width = static_cast<uint32_t>(w);
  result.height = static_cast<uint32_t>(h);
  t->Clear();
  // Trim the trailing blank lines and form feed Tesseract ends a page with.
  while (!result.text.empty() &&
         (result.text.back() == '\n' || result.text.back() == '\f' || result.text.back() == ' '))
    result.text.pop_back();
  return result;
}

StatusOr<Message> ReadScreenshot(std::string_view bytes, const OcrOptions& options) {
  StatusOr<OcrResult> ocr = RecognizeText(bytes, options);
  if (!ocr.ok()) return ocr.status();
  if (ocr->text.empty()) return InvalidArgument("OCR found no text in the image");
  Message m;
  m.text = std::move(ocr->text);
  m.input.format = "image";
  m.input.ocr_confidence = ocr->confidence;
  return m;
}

}  // namespace redflag
