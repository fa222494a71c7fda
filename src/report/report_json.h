// The report as JSON ("redflag.report/1", see README) and the verdict on one
// contact. Written with RapidJSON's streaming writer: `scan` writes one report
// per message, and building a DOM first cost more than the analysis itself.
#ifndef REDFLAG_REPORT_REPORT_JSON_H_
#define REDFLAG_REPORT_REPORT_JSON_H_

#include <string>

#include "redflag/report.h"

namespace redflag {

// Fields `scan` puts in front of the report.
struct ReportJsonExtras {
  const std::string* id = nullptr;  // the input line's id
  const std::string* time = nullptr;  // the input line's time, as given; "" or null: none
  size_t line = 0;                  // 0: none
  // Leave out what a person reads (summary, titles, explanations, advice):
  // for bulk scans, whose analyzer ran with AnalyzerOptions::explain off.
  bool compact = false;
};

std::string ReportJson(const Report& report, bool pretty = false, const ReportJsonExtras& extras = {});
// `line` > 0 (verify --each) is written first, as scan's reports carry theirs.
std::string ContactJson(const ContactVerdict& contact, bool pretty = false, size_t line = 0);

}  // namespace redflag

#endif  // REDFLAG_REPORT_REPORT_JSON_H_
