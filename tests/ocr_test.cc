// Screenshots: chat bubbles rendered by ImageMagick at test time, read by
// Tesseract, then checked like any message; and images that must be refused.
#include "intake/ocr.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "test_support.h"

namespace redflag {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class Screenshot : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::system("command -v convert >/dev/null 2>&1") != 0)
      GTEST_SKIP() << "ImageMagick's convert is not installed (scripts/install-deps --test installs it)";
    dir_ = fs::temp_directory_path() / ("redflag-ocr-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  // A chat bubble like a phone's, one line of `lines` per row; returns the file.
  fs::path Bubble(const std::string& name, const std::vector<std::string>& lines) {
    fs::path out = dir_ / name;
    int height = 80 + 40 * static_cast<int>(lines.size());
    std::string cmd = "convert -size 760x" + std::to_string(height) + " xc:'#e5ddd5' -fill white -draw " +
                      "'roundrectangle 30,30 730," + std::to_string(height - 20) + " 18,18' " +
                      "-font DejaVu-Sans -pointsize 26 -fill '#111111'";
    for (size_t i = 0; i < lines.size(); ++i)
      cmd += " -annotate +55+" + std::to_string(75 + 40 * i) + " '" + lines[i] + "'";
    cmd += " -fill '#667781' -pointsize 18 -annotate +640+" + std::to_string(height - 32) + " '10:42' '" +
           out.string() + "'";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
    return out;
  }

  fs::path dir_;
};

TEST_F(Screenshot, CodeRequestInAChatBubbleIsAScam) {
  fs::path png =
      Bubble("code.png", {"Hi, I sent you a 6-digit code by mistake,", "please send it back, it is urgent"});
  StatusOr<Message> m = ReadScreenshot(Slurp(png));
  ASSERT_OK(m);
  EXPECT_THAT(m->text, HasSubstr("code by mistake"));
  EXPECT_EQ(m->input.format, "image");
  EXPECT_GT(m->input.ocr_confidence, 60);
  StatusOr<Report> r = testing::BuiltInAnalyzer().Analyze(*m);
  ASSERT_OK(r);
  EXPECT_EQ(r->verdict, Verdict::kScam) << m->text;
  EXPECT_THAT(testing::FlagIds(*r), ::testing::Contains("code_request"));
  EXPECT_EQ(r->input.format, "image");
}

TEST_F(Screenshot, JpegAndFrenchAreRead) {
  fs::path png = Bubble("colis.png", {"Votre colis est bloqu\u00e9. Payez les frais de",
                                      "livraison de 1,99 EUR avant 24 heures."});
  fs::path jpg = dir_ / "colis.jpg";
  ASSERT_EQ(std::system(("convert '" + png.string() + "' -quality 85 '" + jpg.string() + "'").c_str()), 0);
  OcrOptions fra;
  fra.languages = "fra";
  StatusOr<Message> m = ReadScreenshot(Slurp(jpg), fra);
  ASSERT_OK(m);
  EXPECT_THAT(m->text, HasSubstr("colis est bloqu\u00e9"));
  StatusOr<Report> r = testing::BuiltInAnalyzer().Analyze(*m);
  ASSERT_OK(r);
  EXPECT_THAT(testing::FlagIds(*r), ::testing::Contains("fee_to_release")) << m->text;
}

TEST_F(Screenshot, NotAnImageIsRefused) {
  StatusOr<OcrResult> r = RecognizeText("Hello, this is text, not a picture");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("not a PNG or JPEG image: it starts with bytes 48 65 6c 6c"));
  EXPECT_FALSE(RecognizeText("").ok());
}

TEST_F(Screenshot, BrokenImagesAreRefused) {
  std::string png = Slurp(Bubble("cut.png", {"some words"}));
  StatusOr<OcrResult> cut = RecognizeText(png.substr(0, png.size() / 2));
  ASSERT_FALSE(cut.ok());
  EXPECT_THAT(cut.status().message(), HasSubstr("PNG image"));
  StatusOr<OcrResult> header_only = RecognizeText(png.substr(0, 12));
  ASSERT_FALSE(header_only.ok());
  EXPECT_THAT(header_only.status().message(), HasSubstr("PNG image's header is broken"));
}

TEST_F(Screenshot, OversizedImagesAreRefusedBeforeDecoding) {
  fs::path big = dir_ / "big.png";
  ASSERT_EQ(std::system(("convert -size 3000x2000 xc:white '" + big.string() + "'").c_str()), 0);
  OcrOptions small;
  small.max_pixels = 1'000'000;
  StatusOr<OcrResult> r = RecognizeText(Slurp(big), small);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kTooLarge);
  EXPECT_THAT(r.status().message(), HasSubstr("3000x2000 = 6000000 pixels, over the limit of 1000000"));
  small.max_bytes = 100;
  r = RecognizeText(Slurp(big), small);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("over the limit of 100"));
}

TEST_F(Screenshot, MissingLanguageDataIsNamed) {
  OcrOptions o;
  o.languages = "xyz";
  StatusOr<OcrResult> r = RecognizeText(Slurp(Bubble("x.png", {"hello"})), o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(r.status().message(), HasSubstr("no Tesseract data for languages 'xyz'"));
}

TEST_F(Screenshot, CliReportsOcr) {
  fs::path png =
      Bubble("cli.png", {"Hi, I sent you a 6-digit code by mistake,", "please send it back, it is urgent"});
  std::string out, err;
  ASSERT_EQ(testing::RunCli("check --format json --file '" + png.string() + "'", "", &out, &err), 0) << err;
  auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["verdict"], "scam");
  EXPECT_EQ(j["input"]["format"], "image");
  EXPECT_EQ(j["input"]["ocr"], true);
  EXPECT_GT(j["input"]["ocr_confidence"].get<double>(), 60);

  ASSERT_EQ(testing::RunCli("check --file '" + png.string() + "'", "", &out, &err), 0) << err;
  EXPECT_THAT(out, HasSubstr("The text was read from the picture by OCR ("));

  fs::path fake = dir_ / "fake.png";
  std::ofstream(fake) << "not really a picture";
  EXPECT_EQ(testing::RunCli("check --file '" + fake.string() + "'", "", nullptr, &err), 3);
  EXPECT_THAT(err, HasSubstr("fake.png: not a PNG or JPEG image"));
  EXPECT_EQ(testing::RunCli("check --max-image-pixels 1000 --file '" + png.string() + "'", "", nullptr, &err),
            3);
  EXPECT_THAT(err, HasSubstr("pixels, over the limit of 1000"));
}

}  // namespace
}  // namespace redflag
