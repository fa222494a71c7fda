// The JSON forms of the knowledge base and of brand facts, for `kb show` and
// `verify --brand`. Reports and contact verdicts: report/report_json.h.
#ifndef REDFLAG_REPORT_JSON_H_
#define REDFLAG_REPORT_JSON_H_

#include <nlohmann/json.hpp>

#include "redflag/analyzer.h"
#include "redflag/knowledge.h"
#include "redflag/report.h"

namespace redflag {

nlohmann::json ChannelFactsToJson(const ChannelFacts& facts);
nlohmann::json BrandToJson(const Brand& brand);
nlohmann::json ScamToJson(const Scam& scam, const std::string& lang);
nlohmann::json CountryToJson(const Country& country, const std::string& lang);

}  // namespace redflag

#endif  // REDFLAG_REPORT_JSON_H_
