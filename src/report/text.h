// The report as a person reads it in a terminal: the verdict first in plain
// words, then why, the message with its red flags marked, what to do, and
// where to report.
#ifndef REDFLAG_REPORT_TEXT_H_
#define REDFLAG_REPORT_TEXT_H_

#include <string>

#include "redflag/knowledge.h"
#include "redflag/report.h"

namespace redflag {

// `message_text` is the text the report is about (evidence offsets index it).
// `color`: ANSI colours and bold for a terminal; otherwise evidence is marked «like this».
std::string RenderReportText(const Report& report, const std::string& message_text, const KnowledgeBase& kb,
                             bool color);

// Marks the given [start, end) spans of `text`; overlapping spans are merged.
std::string MarkSpans(const std::string& text, std::vector<std::pair<uint32_t, uint32_t>> spans,
                      const std::string& open, const std::string& close);

}  // namespace redflag

#endif  // REDFLAG_REPORT_TEXT_H_
