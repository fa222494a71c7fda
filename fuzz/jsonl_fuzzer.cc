// libFuzzer target: the JSON Lines intake of `scan` and `eval`, as LineReader
// cuts a stream and JsonlParser reads each line. Every line is a record or an
// error that says what was wrong; a line over the limit is reported, not kept;
// and the lines read add up to the input (nothing is lost).
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "intake/jsonl.h"
#include "text/normalize.h"

namespace {

void Require(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // Byte 0 sets the line limit, so limits meet lines of every length.
  const size_t max_line = 1 + data[0] % 128;
  std::string input(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::istringstream in(input);
  redflag::LineReader reader(in, max_line);
  redflag::JsonlParser parser;
  std::string line;
  bool too_long = false;
  size_t lines = 0, consumed = 0;
  while (reader.Next(&line, &too_long)) {
    ++lines;
    Require(reader.line_number() == lines);
    if (too_long) continue;
    Require(line.size() <= max_line);
    consumed += line.size();
    auto record = parser.Parse(line);
    if (!record.ok()) {
      Require(!record.status().message().empty());
      continue;
    }
    // simdjson hands back valid UTF-8 (a NUL from "\u0000" included: the analyzer refuses it later).
    for (const std::string* field :
         {&record->message.text, &record->message.from, &record->message.subject}) {
      auto checked = redflag::ValidateUtf8(*field, "field");
      Require(checked.ok() || checked.message().find("NUL") != std::string::npos);
    }
  }
  // Every newline ends a line; what follows the last one is a line too.
  size_t newlines = 0;
  for (char c : input) newlines += c == '\n';
  Require(lines >= newlines && lines <= newlines + 1);
  Require(consumed <= input.size());
  return 0;
}
