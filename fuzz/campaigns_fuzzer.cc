// libFuzzer target: `redflag campaigns` over arbitrary lines. Every non-blank
// line is a report, a scan error or a line named as unreadable (nothing is
// lost); grouping and both outputs run on whatever was read, and the
// campaigns only count warned reports.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "campaigns/campaigns.h"
#include "campaigns/campaigns_output.h"

namespace {

void Require(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // Byte 0 sets the smallest campaign, so single messages are campaigns too.
  redflag::CampaignOptions options;
  options.min_messages = 1 + data[0] % 3;
  std::istringstream in(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  redflag::CampaignBuilder builder;
  size_t lines = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    builder.AddLine(line, ++lines);
  }
  redflag::CampaignSummary s = builder.Summarize(options);
  Require(s.reports + s.scan_errors + s.unreadable == lines);
  Require(s.scam + s.suspicious + s.no_red_flags == s.reports);
  Require(s.warned_in_campaigns <= s.scam + s.suspicious);
  for (const redflag::Campaign& c : s.campaigns)
    Require(c.messages >= options.min_messages && !c.indicators.empty());
  Require(!redflag::CampaignsJson(s, 0).empty() && !redflag::CampaignsText(s, 20).empty());
  return 0;
}
