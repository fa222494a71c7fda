// redflag campaigns: which warned messages of a scan belong together, and how they went day by day.
#include "campaigns/campaigns.h"

#include <iostream>

#include "campaigns/campaigns_output.h"
#include "common.h"
#include "text/normalize.h"

namespace redflag::cli {
namespace {

struct CampaignsOptions {
  std::string input = "-";
  std::string format = "text";
  size_t top = 20;
  size_t max_bytes = 64 << 20;
  CampaignOptions grouping;
  std::vector<std::string> shared_domains;
  std::vector<std::string> ignored;
  std::string kb_dir;  // --kb: another knowledge folder, for its link shorteners
};

int RunCampaigns(CampaignsOptions o) {
  int exit_code = kExitOk;
  std::ifstream file;
  std::istream* in = OpenInput(o.input, &file, &exit_code);
  if (!in) return exit_code;
  // A CERT's feed of reported messages holds no genuine ones to show that bit.ly is anyone's: the knowledge
  // base's link shorteners are shared domains from the start.
  auto kb = o.kb_dir.empty() ? LoadEmbeddedKnowledge() : LoadKnowledgeDir(o.kb_dir);
  if (!kb.ok()) return Fail(kb.status());
  o.grouping.shared_domains = (*kb)->link_shorteners;
  for (const std::string& d : o.shared_domains) o.grouping.shared_domains.insert(AsciiLower(d));
  for (const std::string& c : o.ignored) o.grouping.ignored.insert(AsciiLower(c));
  LineReader reader(*in, o.max_bytes);
  CampaignBuilder builder;
  std::string line;
  bool too_long = false;
  while (reader.Next(&line, &too_long)) {
    if (too_long) {
      builder.AddTooLong(reader.line_number(), o.max_bytes);
      continue;
    }
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    builder.AddLine(line, reader.line_number());
  }
  CampaignSummary summary = builder.Summarize(o.grouping);
  if (o.format == "json")
    std::cout << CampaignsJson(summary, o.top, /*pretty=*/true) << "\n";
  else
    std::cout << CampaignsText(summary, o.top);
  for (const LineProblem& p : summary.first_unreadable) std::cerr << o.input << ": " << p.message << "\n";
  return summary.unreadable > 0 ? kExitBadInput : kExitOk;
}

}  // namespace

void AddCampaignsCommand(CLI::App* app, int* exit_code) {
  auto o = std::make_shared<CampaignsOptions>();
  CLI::App* cmd = app->add_subcommand("campaigns",
                                      "Group a scan's warned messages into campaigns (shared links, "
                                      "addresses, numbers, handles) and count them by "
                                      "scam and by day");
  cmd->add_option("reports", o->input, "The reports `redflag scan` wrote, JSON Lines ('-' = standard input)")
      ->capture_default_str();
  cmd->add_option("--format", o->format, "text or json (\"redflag.campaigns/1\")")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->add_option("--top", o->top, "Show at most this many campaigns, largest first (0: all)")
      ->capture_default_str();
  cmd->add_option("--min-messages", o->grouping.min_messages, "The fewest messages that make a campaign")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1}, size_t{1} << 40));
  cmd->add_option(
      "--shared-domain", o->shared_domains,
      "A domain anyone can use (a link shortener, a host): join messages by its whole links, not by it. "
      "Domains seen in messages with no red flags, and the knowledge base's link shorteners, are treated so "
      "already");
  cmd->add_option("--ignore", o->ignored,
                  "A contact that joins no messages, as the reports write it: the feed's own, such as the "
                  "recipient's address every forwarded mail quotes (a domain: its links and addresses too)");
  cmd->add_option(
      "--kb", o->kb_dir,
      "Load the knowledge base (its link shorteners) from this folder instead of the built-in one");
  cmd->add_option("--max-bytes", o->max_bytes, "Longest report line accepted, in bytes")
      ->capture_default_str();
  cmd->callback([o, exit_code] { *exit_code = RunCampaigns(*o); });
}

}  // namespace redflag::cli
