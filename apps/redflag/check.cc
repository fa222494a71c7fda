// redflag check: one message, a report for a person or a machine.
#include <iostream>

#include "common.h"
#include "intake/email.h"
#include "intake/ocr.h"
#include "report/json.h"
#include "report/report_json.h"
#include "report/text.h"

namespace redflag::cli {
namespace {

struct CheckOptions {
  EngineOptions engine;
  std::string text, file, channel = "", from, subject, country, lang, format = "text", fail_on;
  std::string input = "auto";  // auto | text | eml | image
  OcrOptions ocr;
};

// ---- Input dispatch for emails and screenshots (issue 5) --------------------
// TO MERGE: fold into src/intake/input.cc (the chat/call helper's detection).
// Picks the reader for a file: --input, else the content's magic bytes (PNG,
// JPEG, RFC 5322 header lines), else the extension (.eml, .png, .jpg, .jpeg).
StatusOr<Message> ReadMessageFile(const CheckOptions& o) {
  EmailLimits email;
  size_t limit = o.input == "text" ? o.engine.max_bytes
                                   : std::max({o.engine.max_bytes, email.max_bytes, o.ocr.max_bytes});
  auto bytes = ReadInput(o.file.empty() ? "-" : o.file, limit);
  if (!bytes.ok()) return bytes.status();
  std::string input = o.input;
  if (input == "auto") {
    std::string ext = o.file.substr(o.file.find_last_of('.') == std::string::npos ? o.file.size()
                                                                                 : o.file.find_last_of('.'));
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (DetectImageFormat(*bytes) != ImageFormat::kNone || ext == ".png" || ext == ".jpg" || ext == ".jpeg")
      input = "image";
    else if (ext == ".eml" || LooksLikeEmail(*bytes))
      input = "eml";
    else
      input = "text";
  }
  std::string name = o.file.empty() || o.file == "-" ? std::string("standard input") : o.file;
  auto named = [&](const Status& s) { return Status(s.code(), name + ": " + s.message()); };
  if (input == "image") {
    auto m = ReadScreenshot(*bytes, o.ocr);
    if (!m.ok()) return named(m.status());
    return m;
  }
  if (input == "eml") {
    auto m = ParseEmail(*bytes, email);
    if (!m.ok()) return named(m.status());
    return m;
  }
  if (bytes->size() > o.engine.max_bytes)
    return TooLarge(name + ": over the limit of " + std::to_string(o.engine.max_bytes) + " bytes (see --max-bytes)");
  Message m;
  m.text = std::move(*bytes);
  return m;
}
// ---- end of input dispatch ----------------------------------------------------

int RunCheck(const CheckOptions& o) {
  Message m;
  if (!o.text.empty() && !o.file.empty()) return Fail(InvalidArgument("give the text or --file, not both"));
  if (!o.text.empty()) {
    m.text = o.text;
  } else {
    auto read = ReadMessageFile(o);
    if (!read.ok()) return Fail(read.status());
    m = std::move(*read);
  }
  if (!o.channel.empty()) m.channel = *ParseChannel(o.channel);
  if (!o.from.empty()) m.from = o.from;
  if (!o.subject.empty()) m.subject = o.subject;
  m.country = o.country;
  m.lang = o.lang;
  int exit_code = kExitOk;
  auto analyzer = LoadAnalyzer(o.engine, &exit_code);
  if (!analyzer) return exit_code;
  auto report = analyzer->Analyze(m);
  if (!report.ok()) return Fail(report.status());
  if (o.format == "json") {
    std::cout << ReportJson(*report, /*pretty=*/true) << "\n";
  } else {
    std::cout << RenderReportText(*report, m.text, analyzer->knowledge(), IsTerminal(1));
  }
  if (o.fail_on == "scam" && report->verdict == Verdict::kScam) return kExitFlagged;
  if (o.fail_on == "suspicious" && report->verdict != Verdict::kNoRedFlags) return kExitFlagged;
  return kExitOk;
}

}  // namespace

void AddCheckCommand(CLI::App* app, int* exit_code) {
  auto o = std::make_shared<CheckOptions>();
  CLI::App* cmd = app->add_subcommand("check", "Check one message: is it a scam, why, and what to do");
  cmd->add_option("text", o->text, "The message (else --file, else standard input)");
  cmd->add_option("--file,-f", o->file, "Read the message from this file ('-' = standard input)");
  cmd->add_option("--channel", o->channel, "Where it came from")
      ->check(CLI::IsMember({"sms", "whatsapp", "telegram", "email", "call", "other"}));
  cmd->add_option("--from", o->from, "The sender: address, number, handle or display name");
  cmd->add_option("--subject", o->subject, "The email subject");
  cmd->add_option("--country", o->country, "Your country (ISO 3166 alpha-2, e.g. PK): where to report")
      ->check([](const std::string& c) {
        return c.size() == 2 && std::isalpha(static_cast<unsigned char>(c[0])) &&
                       std::isalpha(static_cast<unsigned char>(c[1]))
                   ? std::string()
                   : std::string("a two-letter country code such as PK or GB");
      });
  cmd->add_option("--lang", o->lang, "Language of the explanations (default: the message's own)");
  cmd->add_option("--format", o->format, "text (for people) or json (redflag.report/1)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->add_option("--fail-on", o->fail_on, "Exit with 1 when the verdict is at least this")
      ->check(CLI::IsMember({"suspicious", "scam"}));
  cmd->add_option("--input", o->input, "What --file holds: auto (by content and extension), text, eml, image")
      ->check(CLI::IsMember({"auto", "text", "eml", "image"}))
      ->capture_default_str();
  cmd->add_option("--ocr-lang", o->ocr.languages, "Screenshot languages for OCR, joined by '+' (eng, urd, fra, ...)")
      ->capture_default_str();
  cmd->add_option("--max-image-bytes", o->ocr.max_bytes, "Largest screenshot accepted, in bytes")->capture_default_str();
  cmd->add_option("--max-image-pixels", o->ocr.max_pixels, "Largest screenshot accepted, in pixels (width x height)")
      ->capture_default_str();
  AddEngineOptions(cmd, &o->engine);
  cmd->callback([o, exit_code] { *exit_code = RunCheck(*o); });
}

}  // namespace redflag::cli
