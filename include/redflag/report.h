// File: report.h
// Report: what redflag found in one message. Serialised as "redflag.report/1"
// (see README, "The report"). Every red flag carries evidence.
#ifndef REDFLAG_REPORT_H_
#define REDFLAG_REPORT_H_

#include <cstdint>
#include <string>
#include <vector>

namespace redflag {

enum class Verdict { kNoRedFlags, kSuspicious, kScam };  // never "safe"
std::string_view VerdictName(Verdict verdict);          // "no_red_flags" | "suspicious" | "scam"

// Which input field a piece of evidence comes from. kHeaders is Message::headers
// (an email's header lines as received).
enum class Field { kText, kFrom, kSubject, kHeaders };
std::string_view FieldName(Field field);  // "text" | "from" | "subject" | "headers"

// A span of the input: byte offsets into the UTF-8 field as given, start
// inclusive, end exclusive. `text` is exactly that slice of the field.
struct Evidence {
  Field field = Field::kText;
  uint32_t start = 0;
  uint32_t end = 0;
  std::string text;
  std::string note;  // optional context, e.g. "imitates whatsapp.com"
};

struct RedFlag {
  std::string id;           // stable id from knowledge/flags.yaml, e.g. "code_request"
  std::string title;        // localised
  std::string explanation;  // localised, plain language
  std::string severity;     // "high" | "medium" | "low"
  double strength = 0;      // 0..1: how sure the detector is
  std::vector<Evidence> evidence;  // never empty
};

struct ScamMatch {
  std::string id, name, family;
};

// A brand the message mentions or claims to speak for.
struct BrandMention {
  std::string id, name;
  std::string how;  // "mentioned" | "claimed" | "sender" | "disguised" | "link"
  std::vector<Evidence> evidence;
};

// One contact point in a message or given to `verify`, judged against the registry.
struct ContactVerdict {
  std::string kind;     // "url" | "domain" | "email" | "phone" | "handle"
  std::string value;    // as written
  std::string normalized;  // registrable domain, E.164 number or lower-case handle
  std::string verdict;  // "official" | "lookalike" | "unknown"
  std::string brand;    // official: whose; lookalike: whom it imitates
  std::string channel;  // official: which channel ("web", "email", "x", ...)
  std::string imitates; // lookalike: the official contact it imitates
  std::string how;      // lookalike: confusable | typo | brand_in_subdomain | brand_in_path |
                        //            added_words | other_tld | brand_in_username | brand_in_display_name
  std::string explanation;  // localised sentence
  bool weak = false;        // lookalike: counts only when the message names the brand
  bool everyday = false;    // lookalike by an everyday word ("apple"): only when named outside this contact
  bool premium_rate = false;  // phone: a premium-rate number, where a call or text costs far more than usual
  bool short_link = false;    // url: on a link shortener (policy.yaml), so it hides the page it opens
  Field field = Field::kText;
  uint32_t start = 0, end = 0;  // where it stands in the message (check only)
};

struct AdviceItem {
  std::string when;  // "" or the stage: replied | shared_code | installed | paid
  std::string text;
};

struct ReportContact {
  std::string name, what, url, phone, email, sms;
};

struct Advice {
  std::vector<AdviceItem> protect, recover;
  std::vector<ReportContact> report;
};

// An email's attachment, as the report lists it.
struct Attachment {
  std::string name;          // the file name as given (decoded), "" when none
  std::string content_type;  // "application/vnd.android.package-archive"
  uint64_t bytes = 0;        // decoded size
  bool risky = false;        // a kind of file that runs code or hides one (.apk, .exe, .zip, ...)
};

// What the message was read from, when it was not typed text.
struct InputSummary {
  std::string format = "text";   // "text" | "eml" | "image"
  double ocr_confidence = -1;    // image: Tesseract's mean word confidence, 0..100; -1: no OCR
  std::vector<Attachment> attachments;  // eml
};

struct Report {
  Verdict verdict = Verdict::kNoRedFlags;
  int risk = 0;                    // 0..100
  std::string summary;             // the verdict in plain words, localised
  std::string language;            // detected language of the message ("und" when unsure)
  std::string ui_language;         // language of the explanations
  std::string channel;
  std::vector<RedFlag> red_flags;  // most severe first
  std::vector<ScamMatch> scams;    // best match first
  std::vector<BrandMention> brands;
  std::vector<ContactVerdict> contacts;
  Advice advice;
  InputSummary input;              // copied from Message::input
};

}  // namespace redflag

#endif  // REDFLAG_REPORT_H_
