// Document: the fields of a message laid out as one normalised text for
// matching (the subject, then the body), with the way back from a normalised
// span to the field and bytes it came from.
#ifndef REDFLAG_TEXT_DOCUMENT_H_
#define REDFLAG_TEXT_DOCUMENT_H_

#include <string>

#include "redflag/message.h"
#include "redflag/report.h"
#include "text/normalize.h"

namespace redflag {

class Document {
 public:
  // `subject` and `text` must be valid UTF-8.
  Document(const std::string& subject, const std::string& text);

  const std::string& normalized() const { return normalized_.text; }
  // Evidence quoting the original bytes behind normalized()[start, end).
  Evidence Quote(uint32_t start, uint32_t end, std::string note = "") const;

 private:
  std::string joined_;  // subject + '\n' + text, or text alone
  size_t text_offset_;  // where the body starts in joined_
  NormalizedText normalized_;
};

// A whole field as evidence: the sender, say.
Evidence QuoteField(Field field, const std::string& value, std::string note = "");

}  // namespace redflag

#endif  // REDFLAG_TEXT_DOCUMENT_H_
