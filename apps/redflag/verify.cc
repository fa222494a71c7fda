// redflag verify: is this link, address, number or handle an official channel of a brand?
#include <fstream>
#include <iostream>
#include <map>

#include "common.h"
#include "intake/jsonl.h"
#include "report/json.h"
#include "report/report_json.h"

namespace redflag::cli {
namespace {

struct VerifyOptions {
  EngineOptions engine;
  std::string contact, platform, brand, channel, lang = "en", format = "text";
  std::string each;  // a file of contacts, one a line ("-" = standard input)
  bool quiet = false;
};

// A list of contacts (a CERT's feed of domains, say): one JSON line out for
// each line in, in order; a contact that cannot be read is an error line, not
// a gap. Blank lines are skipped.
int VerifyEach(const Analyzer& analyzer, const VerifyOptions& o) {
  int exit_code = kExitOk;
  std::ifstream file;
  std::istream* in = OpenInput(o.each, &file, &exit_code);
  if (!in) return exit_code;
  constexpr size_t kMaxLine = 4096;  // Verify refuses contacts over 2048 bytes with its own reason
  LineReader reader(*in, kMaxLine);
  std::map<std::string, size_t> counts;
  std::string line;
  bool too_long = false;
  std::ios::sync_with_stdio(false);
  while (reader.Next(&line, &too_long)) {
    size_t number = reader.line_number();
    size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos && !too_long) continue;
    size_t last = line.find_last_not_of(" \t\r");
    ContactQuery q;
    q.value = too_long ? "" : line.substr(first, last - first + 1);
    q.platform = o.platform;
    q.lang = o.lang;
    StatusOr<ContactVerdict> v =
        too_long ? TooLarge("over the limit of " + std::to_string(kMaxLine) + " bytes") : analyzer.Verify(q);
    if (v.ok()) {
      std::cout << ContactJson(*v, /*pretty=*/false, number) << '\n';
      ++counts[v->verdict];
    } else {
      std::string code = v.status().code() == StatusCode::kTooLarge ? "too_large" : "invalid_contact";
      std::cout << ErrorLine("", number, code, v.status().message()) << '\n';
      ++counts["error"];
    }
    if (!reader.LineReady()) std::cout.flush();  // a live feed gone quiet gets its answers now
  }
  std::cout.flush();
  if (!o.quiet)
    std::cerr << "verified " << counts["official"] + counts["lookalike"] + counts["unknown"] + counts["error"]
              << " contacts: " << counts["official"] << " official, " << counts["lookalike"] << " lookalike, "
              << counts["unknown"] << " unknown, " << counts["error"] << " errors\n";
  return kExitOk;
}

int RunVerify(const VerifyOptions& o) {
  int exit_code = kExitOk;
  auto analyzer = LoadAnalyzer(o.engine, &exit_code);
  if (!analyzer) return exit_code;
  if (!o.brand.empty()) {
    if (o.channel.empty()) return Fail(InvalidArgument("--brand needs --channel (e.g. --channel whatsapp)"));
    auto facts = analyzer->BrandChannelFacts(o.brand, o.channel);
    if (!facts.ok()) return Fail(facts.status());
    if (o.format == "json") {
      std::cout << ChannelFactsToJson(*facts).dump(2) << "\n";
      return kExitOk;
    }
    const ChannelFacts& f = *facts;
    const KnowledgeBase& kb = analyzer->knowledge();
    // In the reader's language (i18n/*.yaml: channel_facts), the channel by its name there ("phone call").
    auto say = [&](const std::string& key) {
      return FillIn(FillIn(kb.UiText(o.lang, &UiTexts::channel_facts, key), "{brand}", f.brand_name),
                    "{channel}", kb.UiText(o.lang, &UiTexts::channels, f.channel));
    };
    std::cout << say(f.status == "never" || f.status == "uses" ? f.status : "unknown") << "\n";
    for (const auto& s : f.statements) std::cout << "  \"" << s.text << "\" (" << s.source << ")\n";
    if (!f.official.empty()) {
      std::cout << say("official");
      for (const auto& x : f.official) std::cout << " " << x;
      std::cout << "\n";
    }
    if (!f.verify_tool_url.empty())
      std::cout << FillIn(say("check_with"), "{tool}", f.verify_tool_name) << " " << f.verify_tool_url
                << "\n";
    std::cout << FillIn(say("last_reviewed"), "{date}", f.last_reviewed) << "\n";
    return kExitOk;
  }
  if (!o.each.empty()) {
    if (!o.contact.empty()) return Fail(InvalidArgument("give a contact or --each FILE, not both"));
    return VerifyEach(*analyzer, o);
  }
  if (o.contact.empty()) return Fail(InvalidArgument("give a link, email address, phone number or handle to verify"));
  ContactQuery q;
  q.value = o.contact;
  q.platform = o.platform;
  q.lang = o.lang;
  auto v = analyzer->Verify(q);
  if (!v.ok()) return Fail(v.status());
  if (o.format == "json") {
    std::cout << ContactJson(*v, /*pretty=*/true) << "\n";
    return kExitOk;
  }
  std::cout << v->value << ": " << v->verdict << "\n  " << v->explanation << "\n";
  // What it imitates, in no language: the explanation above says how, in the reader's.
  if (v->verdict == "lookalike") std::cout << "  \u2192 " << v->imitates << "\n";
  if (const Brand* b = analyzer->knowledge().FindBrand(v->brand); b && !b->verify_tool_url.empty())
    std::cout << "  " << b->name << "'s own check: " << b->verify_tool_url << "\n";
  return kExitOk;
}

}  // namespace

void AddVerifyCommand(CLI::App* app, int* exit_code) {
  auto o = std::make_shared<VerifyOptions>();
  CLI::App* cmd = app->add_subcommand(
      "verify", "Is a link, email address, phone number or handle an official channel of a brand?");
  cmd->add_option("contact", o->contact, "The link, domain, email address, phone number or @handle");
  cmd->add_option("--platform", o->platform, "Where the handle lives")
      ->check(CLI::IsMember({"x", "telegram", "instagram", "facebook", "whatsapp", "tiktok"}));
  cmd->add_option("--brand", o->brand, "State a brand's facts for --channel instead");
  cmd->add_option("--channel", o->channel, "With --brand: sms, whatsapp, telegram, email, call, web, x, ...");
  cmd->add_option("--lang", o->lang, "Language of the explanation")->capture_default_str();
  cmd->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd->add_option(
      "--each", o->each,
      "Verify every line of this file ('-' = standard input): one JSON line out for each, in order");
  cmd->add_flag("--quiet,-q", o->quiet, "With --each: no summary on standard error");
  AddEngineOptions(cmd, &o->engine);
  cmd->callback([o, exit_code] { *exit_code = RunVerify(*o); });
}

}  // namespace redflag::cli
