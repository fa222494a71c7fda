#include "text/normalize.h"

#include <gtest/gtest.h>

#include "text/document.h"

namespace redflag {
namespace {

// Checks that every normalised byte maps back inside the original.
void ExpectMapsBack(const std::string& original, const NormalizedText& n) {
  ASSERT_EQ(n.source_begin.size(), n.text.size());
  ASSERT_EQ(n.source_end.size(), n.text.size());
  for (size_t i = 0; i < n.text.size(); ++i) {
    EXPECT_LE(n.source_begin[i], n.source_end[i]);
    EXPECT_LE(n.source_end[i], original.size());
  }
}

TEST(Normalize, FoldsCaseAndCollapsesSpace) {
  NormalizedText n = Normalize("  Send ME\tthe\n\nCODE  ");
  EXPECT_EQ(n.text, "send me the code");
  ExpectMapsBack("  Send ME\tthe\n\nCODE  ", n);
}

TEST(Normalize, FullWidthAndInvisibleCharacters) {
  std::string original = "Ｗhats\u200bApp co\u00adde";  // full-width W, zero-width space, soft hyphen
  NormalizedText n = Normalize(original);
  EXPECT_EQ(n.text, "whatsapp code");
  ExpectMapsBack(original, n);
}

TEST(Normalize, CurlyQuotesBecomeStraight) {
  EXPECT_EQ(Normalize("Don\u2019t \u201cshare\u201d").text, "don't \"share\"");
}

TEST(Normalize, KeepsAccentsAndOtherScripts) {
  EXPECT_EQ(Normalize("Vérifiez CODE").text, "vérifiez code");
  EXPECT_EQ(Normalize("کوڈ بھیج دیں").text, "کوڈ بھیج دیں");
}

TEST(Normalize, SpanMapsBackToOriginalBytes) {
  std::string original = "Hi  ＣＯＤＥ now";
  NormalizedText n = Normalize(original);
  size_t at = n.text.find("code");
  ASSERT_NE(at, std::string::npos);
  auto [begin, end] = n.ToOriginal(at, at + 4);
  EXPECT_EQ(original.substr(begin, end - begin), "ＣＯＤＥ");
}

TEST(ValidateUtf8, NamesTheByteOffset) {
  Status s = ValidateUtf8(std::string("ok\xff\xfe"), "text");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "text: invalid UTF-8 at byte 2");
  EXPECT_FALSE(ValidateUtf8(std::string("a\0b", 3), "text").ok());
  EXPECT_TRUE(ValidateUtf8("naïve café", "text").ok());
}

TEST(Document, QuotesSubjectAndBodySeparately) {
  Document doc("URGENT notice", "Send the CODE");
  const std::string& text = doc.normalized();
  size_t urgent = text.find("urgent"), code = text.find("code");
  Evidence e1 = doc.Quote(urgent, urgent + 6);
  EXPECT_EQ(e1.field, Field::kSubject);
  EXPECT_EQ(e1.text, "URGENT");
  EXPECT_EQ(e1.start, 0u);
  Evidence e2 = doc.Quote(code, code + 4);
  EXPECT_EQ(e2.field, Field::kText);
  EXPECT_EQ(e2.text, "CODE");
  EXPECT_EQ(e2.start, 9u);
}

}  // namespace
}  // namespace redflag
