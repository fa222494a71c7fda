#include "intake/jsonl.h"

#include <gtest/gtest.h>

#include <sstream>

namespace redflag {
namespace {

struct Line {
  std::string text;
  bool too_long;
  bool operator==(const Line&) const = default;
};

std::vector<Line> ReadAll(const std::string& input, size_t max_line_bytes) {
  std::istringstream in(input);
  LineReader reader(in, max_line_bytes);
  std::vector<Line> lines;
  std::string line;
  bool too_long = false;
  while (reader.Next(&line, &too_long)) {
    lines.push_back({line, too_long});
    EXPECT_EQ(reader.line_number(), lines.size());
  }
  return lines;
}

TEST(LineReader, CutsAtEachNewlineAndDropsACarriageReturn) {
  EXPECT_EQ(ReadAll("a\nbc\r\n\nlast", 100),
            (std::vector<Line>{{"a", false}, {"bc", false}, {"", false}, {"last", false}}));
  EXPECT_EQ(ReadAll("one\n", 100), (std::vector<Line>{{"one", false}}));
  EXPECT_TRUE(ReadAll("", 100).empty());
}

TEST(LineReader, KeepsTheStartOfALongLineAndGoesOnAfterIt) {
  EXPECT_EQ(ReadAll("short\n0123456789\nnext", 4),
            (std::vector<Line>{{"shor", true}, {"0123", true}, {"next", false}}));
  EXPECT_EQ(ReadAll("1234\n", 4), (std::vector<Line>{{"1234", false}}));
}

TEST(LineReader, ReadsLinesLongerThanItsBlock) {
  // Its block is 64 KiB: lines across the blocks' edges come out whole, and a bound is kept across them.
  std::string big(200'000, 'x'), input;
  for (int i = 0; i < 3; ++i) input += big + "\n" + std::to_string(i) + "\n";
  std::vector<Line> lines = ReadAll(input, 1 << 20);
  ASSERT_EQ(lines.size(), 6u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(lines[2 * i], (Line{big, false}));
    EXPECT_EQ(lines[2 * i + 1], (Line{std::to_string(i), false}));
  }
  std::vector<Line> cut = ReadAll(big + "\nend\n", 100'000);
  ASSERT_EQ(cut.size(), 2u);
  EXPECT_EQ(cut[0], (Line{std::string(100'000, 'x'), true}));
  EXPECT_EQ(cut[1], (Line{"end", false}));
}

}  // namespace
}  // namespace redflag
