// Input readers: .eml parsing speed (MB/s, over the golden emails and a large
// HTML newsletter) and OCR time per phone screenshot (rendered by ImageMagick).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "intake/email.h"
#include "intake/ocr.h"

namespace redflag {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> GoldenEmails() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(std::string(REDFLAG_SOURCE_DIR) + "/tests/inputs/email"))
    if (e.path().extension() == ".eml" && e.path().filename() != "broken_mime.eml")
      out.push_back(Slurp(e.path()));
  return out;
}

void BM_ParseEmail_Golden(benchmark::State& state) {
  std::vector<std::string> mails = GoldenEmails();
  size_t bytes = 0;
  for (auto _ : state) {
    for (const std::string& m : mails) {
      auto parsed = ParseEmail(m);
      benchmark::DoNotOptimize(parsed);
      bytes += m.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_ParseEmail_Golden);

// A 300 KB HTML newsletter (quoted-printable) with 2,000 links and a base64 PDF.
void BM_ParseEmail_LargeHtml(benchmark::State& state) {
  std::string html = "<html><body><table>";
  for (int i = 0; i < 2000; ++i)
    html += "<tr><td><a href=\"https://shop.example.com/item/" + std::to_string(i) +
            "\">www.example.com/item</a> New offers this week, see details.</td></tr>\n";
  html += "</table></body></html>";
  std::string pdf(60000, 'A');
  std::string mail =
      "From: Shop <news@example.com>\nTo: you@example.org\nSubject: Offers\nMIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/html; charset=utf-8\n\n" +
      html +
      "\n--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"offers.pdf\"\n"
      "Content-Transfer-Encoding: base64\n\n" +
      pdf + "\n--b--\n";
  for (auto _ : state) {
    auto parsed = ParseEmail(mail);
    if (!parsed.ok()) state.SkipWithError(parsed.status().message().c_str());
    benchmark::DoNotOptimize(parsed);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * mail.size()));
}
BENCHMARK(BM_ParseEmail_LargeHtml);

// A phone-sized screenshot (1080 x 600) of a chat with three bubbles.
void BM_OcrScreenshot(benchmark::State& state) {
  fs::path png = fs::temp_directory_path() / "redflag-bench-chat.png";
  std::string cmd =
      "convert -size 1080x600 xc:'#e5ddd5' -fill white "
      "-draw 'roundrectangle 40,40 1000,170 24,24' -draw 'roundrectangle 40,210 900,340 24,24' "
      "-draw 'roundrectangle 180,380 1040,510 24,24' -font DejaVu-Sans -pointsize 34 -fill '#111111' "
      "-annotate +70+95 'Hi, I sent you a 6-digit code by mistake,' -annotate +70+145 'please send it back' "
      "-annotate +70+265 'It is urgent, my account is locked' -annotate +70+315 'and I need it now' "
      "-annotate +210+435 'What code? I did not get anything' -annotate +210+485 'from you today' '" +
      png.string() + "'";
  if (std::system(cmd.c_str()) != 0) {
    state.SkipWithError("ImageMagick's convert is not installed");
    return;
  }
  std::string bytes = Slurp(png);
  for (auto _ : state) {
    auto r = RecognizeText(bytes);
    if (!r.ok()) state.SkipWithError(r.status().message().c_str());
    benchmark::DoNotOptimize(r);
  }
  fs::remove(png);
}
BENCHMARK(BM_OcrScreenshot)->Unit(benchmark::kMillisecond)->MinTime(5.0);

}  // namespace
}  // namespace redflag

BENCHMARK_MAIN();
