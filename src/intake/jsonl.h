// JSON Lines intake for `redflag scan` and `redflag eval`: one message a line,
// {"id", "text", optional "channel", "from", "subject", "country", "lang", "time",
// and for eval "label", "dataset"}. Parsed with simdjson.
#ifndef REDFLAG_INTAKE_JSONL_H_
#define REDFLAG_INTAKE_JSONL_H_

#include <istream>
#include <memory>
#include <string>

#include "redflag/message.h"
#include "redflag/status.h"

namespace redflag {

struct JsonlRecord {
  std::string id;  // as given (a string, or a number's text); "" when absent
  std::string time;  // when it was received, as given (ISO 8601 expected); copied to the report for trends
  Message message;
  std::string label, dataset;  // eval only
};

// Reads lines with a length limit: a longer line is consumed to its end but not
// kept, and reported, so one bad line costs bounded memory and loses nothing after it.
class LineReader {
 public:
  LineReader(std::istream& in, size_t max_line_bytes) : in_(in), max_(max_line_bytes) {}
  // False at the end of input. `too_long` is set when the line was over the limit.
  bool Next(std::string* line, bool* too_long);
  // Whether Next() can go on without waiting for the input: a whole line is buffered, or the stream
  // has bytes ready. False on a live stream that has gone quiet.
  bool LineReady() const;
  size_t line_number() const { return line_number_; }

 private:
  bool Refill();  // false at the end of input

  std::istream& in_;
  size_t max_;
  size_t line_number_ = 0;
  // Read in blocks and cut at each newline with memchr: a byte at a time through
  // the stream buffer cost as much as parsing the JSON.
  std::string buffer_ = std::string(64 << 10, '\0');
  size_t begin_ = 0, end_ = 0;  // the unread part of buffer_
};

class JsonlParser {
 public:
  JsonlParser();
  ~JsonlParser();
  // Errors name what was wrong: "invalid JSON: ...", "'text' must be a string".
  StatusOr<JsonlRecord> Parse(const std::string& line);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace redflag

#endif  // REDFLAG_INTAKE_JSONL_H_
