// A campaign summary for a person (text) and for machines ("redflag.campaigns/1" JSON, see README).
#ifndef REDFLAG_CAMPAIGNS_CAMPAIGNS_OUTPUT_H_
#define REDFLAG_CAMPAIGNS_CAMPAIGNS_OUTPUT_H_

#include <string>

#include "campaigns/campaigns.h"

namespace redflag {

// `top`: at most this many campaigns (0: all); the total is always given.
std::string CampaignsJson(const CampaignSummary& summary, size_t top, bool pretty = false);
std::string CampaignsText(const CampaignSummary& summary, size_t top);

}  // namespace redflag

#endif  // REDFLAG_CAMPAIGNS_CAMPAIGNS_OUTPUT_H_
