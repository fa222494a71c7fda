// redflag check: one message, a report for a person or a machine.
#include <fstream>
#include <iostream>

#include "common.h"
#include "conversation/analyze.h"
#include "conversation/conversation_json.h"
#include "conversation/conversation_text.h"
#include "intake/call_transcript.h"
#include "intake/chat_export.h"
#include "intake/input.h"
#include "report/json.h"
#include "report/report_json.h"
#include "report/text.h"

namespace redflag::cli {
namespace {

struct CheckOptions {
  EngineOptions engine;
  std::string text, file, channel = "", from, subject, country, lang, format = "text", fail_on;
  std::string input = "auto";
  ConversationLimits limits;
  SingleMessageOptions single;  // emails and screenshots
};

int ExitForVerdict(const CheckOptions& o, Verdict verdict) {
  if (o.fail_on == "scam" && verdict == Verdict::kScam) return kExitFlagged;
  if (o.fail_on == "suspicious" && verdict != Verdict::kNoRedFlags) return kExitFlagged;
  return kExitOk;
}

// The first bytes of a file, to tell what it is.
StatusOr<std::string> ReadHead(const std::string& path) {
  std::ifstream in;
  REDFLAG_RETURN_IF_ERROR(OpenFile(path, &in));
  std::string head(kSniffBytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  return head;
}

// A chat export or call transcript: read it, analyse every message, report on the whole.
int RunConversation(const CheckOptions& o, InputKind kind, const std::string* data) {
  ConversationLimits limits = o.limits;
  limits.max_message_bytes = o.engine.max_bytes;
  StatusOr<Conversation> conv = InvalidArgument("");
  const std::string name = o.file.empty() || o.file == "-" ? std::string("standard input") : o.file;
  if (kind == InputKind::kChat) {
    if (data != nullptr) {
      conv = IsZip(*data) ? ParseChatExportZip(*data, limits, name) : ParseChatExport(*data, limits, name);
    } else {
      auto head = ReadHead(o.file);
      if (!head.ok()) return Fail(head.status());
      if (IsZip(*head)) {
        conv = ParseChatExportZipFile(o.file, limits);
      } else {
        std::ifstream in;
        if (Status opened = OpenFile(o.file, &in); !opened.ok()) return Fail(opened);
        conv = ParseChatExportStream(in, limits, o.file);
      }
    }
  } else {
    std::string owned;
    if (data == nullptr) {
      auto read = ReadInput(o.file, limits.max_total_bytes);
      if (!read.ok()) return Fail(read.status());
      owned = std::move(*read);
      data = &owned;
    }
    conv = ParseCallTranscript(*data, limits, name);
  }
  if (!conv.ok()) return Fail(conv.status());
  int exit_code = kExitOk;
  auto analyzer = LoadAnalyzer(o.engine, &exit_code);
  if (!analyzer) return exit_code;
  ConversationOptions options;
  options.country = o.country;
  options.lang = o.lang;
  ConversationReport report = AnalyzeConversation(*analyzer, std::move(*conv), options);
  if (o.format == "json") {
    std::cout << ConversationJson(report, /*pretty=*/true) << "\n";
  } else {
    std::cout << RenderConversationText(report, analyzer->knowledge(), IsTerminal(1));
  }
  return ExitForVerdict(o, report.verdict);
}

int RunCheck(const CheckOptions& o) {
  Message m;
  if (!o.text.empty() && !o.file.empty()) return Fail(InvalidArgument("give the text or --file, not both"));
  InputKind kind = *ParseInputKind(o.input);
  if (!o.text.empty()) {
    m.text = o.text;
    if (kind == InputKind::kAuto) kind = InputKind::kText;
  } else if (!o.file.empty() && o.file != "-") {
    // A file is read according to its kind: a chat is streamed, never held whole.
    if (kind == InputKind::kAuto) {
      auto head = ReadHead(o.file);
      if (!head.ok()) return Fail(head.status());
      kind = DetectInputKind(o.file, *head);
    }
    if (kind == InputKind::kChat) return RunConversation(o, kind, nullptr);
    size_t limit = kind == InputKind::kText ? o.engine.max_bytes : o.limits.max_total_bytes;
    auto input = ReadInput(o.file, limit);
    if (!input.ok()) return Fail(input.status());
    m.text = std::move(*input);
  } else {
    // Standard input cannot be read twice: read it within the larger limit, then decide.
    size_t limit = kind == InputKind::kText ? o.engine.max_bytes : o.limits.max_total_bytes;
    auto input = ReadInput("-", limit);
    if (!input.ok()) return Fail(input.status());
    m.text = std::move(*input);
    if (kind == InputKind::kAuto) kind = DetectInputKind("", std::string_view(m.text).substr(0, kSniffBytes));
    if (kind == InputKind::kText && m.text.size() > o.engine.max_bytes)
      return Fail(TooLarge("standard input: over the limit of " + std::to_string(o.engine.max_bytes) +
                           " bytes (see --max-bytes)"));
  }
  if (kind == InputKind::kChat || kind == InputKind::kCall) return RunConversation(o, kind, &m.text);
  if (kind == InputKind::kEml || kind == InputKind::kImage) {
    auto message = ReadSingleMessageInput(kind, m.text, o.file.empty() ? "standard input" : o.file, o.single);
    if (!message.ok()) return Fail(message.status());
    m = std::move(*message);
  }
  if (kind == InputKind::kText && m.text.size() > o.engine.max_bytes)
    return Fail(TooLarge(o.file + ": over the limit of " + std::to_string(o.engine.max_bytes) + " bytes (see --max-bytes)"));
  if (!o.channel.empty()) m.channel = *ParseChannel(o.channel);
  if (!o.from.empty()) m.from = o.from;  // an email brings its own sender and subject
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
  return ExitForVerdict(o, report->verdict);
}

}  // namespace

void AddCheckCommand(CLI::App* app, int* exit_code) {
  auto o = std::make_shared<CheckOptions>();
  CLI::App* cmd = app->add_subcommand("check", "Check one message: is it a scam, why, and what to do");
  cmd->add_option("text", o->text, "The message ('-' or none: standard input; or --file)");
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
  cmd->add_option("--input", o->input,
                  "What the input is: text (one message), chat (WhatsApp export .txt or .zip), call (transcript "
                  "with 'Caller:'/'Me:' labels), eml, image; auto decides from the file name and content")
      ->check(CLI::IsMember({"auto", "text", "chat", "call", "eml", "image"}))
      ->capture_default_str();
  cmd->add_option("--max-messages", o->limits.max_messages,
                  "Chats and calls: read at most this many messages (the report says when more were left out)")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1}, size_t{1} << 24));
  cmd->add_option("--max-total-bytes", o->limits.max_total_bytes,
                  "Chats and calls: read at most this many bytes of text (the report says when more were left out)")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1}, size_t{1} << 32));
  cmd->add_option("--ocr-lang", o->single.ocr.languages,
                  "Screenshot languages for OCR, joined by '+' (eng, urd, fra, ita, spa, por, hin, ara)")
      ->capture_default_str();
  cmd->add_option("--max-image-bytes", o->single.ocr.max_bytes, "Largest screenshot accepted, in bytes")
      ->capture_default_str();
  cmd->add_option("--max-image-pixels", o->single.ocr.max_pixels,
                  "Largest screenshot accepted, in pixels (width x height)")
      ->capture_default_str();
  AddEngineOptions(cmd, &o->engine);
  cmd->callback([o, exit_code] {
    if (o->text == "-" && o->file.empty()) {  // "check -": the usual way to say standard input
      o->text.clear();
      o->file = "-";
    }
    *exit_code = RunCheck(*o);
  });
}

}  // namespace redflag::cli
