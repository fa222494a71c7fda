// redflag check: one message, a report for a person or a machine.
#include <iostream>

#include "common.h"
#include "report/json.h"
#include "report/report_json.h"
#include "report/text.h"

namespace redflag::cli {
namespace {

struct CheckOptions {
  EngineOptions engine;
  std::string text, file, channel = "", from, subject, country, lang, format = "text", fail_on;
};

int RunCheck(const CheckOptions& o) {
  Message m;
  if (!o.text.empty() && !o.file.empty()) return Fail(InvalidArgument("give the text or --file, not both"));
  if (!o.text.empty()) {
    m.text = o.text;
  } else {
    auto input = ReadInput(o.file.empty() ? "-" : o.file, o.engine.max_bytes);
    if (!input.ok()) return Fail(input.status());
    m.text = std::move(*input);
  }
  if (!o.channel.empty()) m.channel = *ParseChannel(o.channel);
  m.from = o.from;
  m.subject = o.subject;
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
  AddEngineOptions(cmd, &o->engine);
  cmd->callback([o, exit_code] { *exit_code = RunCheck(*o); });
}

}  // namespace redflag::cli
