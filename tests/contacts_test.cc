#include "extract/contacts.h"

#include <gtest/gtest.h>

#include <phonenumbers/phonenumberutil.h>

#include "text/normalize.h"

namespace redflag {
namespace {

std::vector<Contact> ExtractFrom(const std::string& text, const std::string& region = "") {
  static PatternSet* patterns = new PatternSet;
  static ContactExtractor* extractor = [] {
    auto* e = new ContactExtractor(patterns);
    if (!patterns->Compile().ok()) std::abort();
    return e;
  }();
  NormalizedText n = Normalize(text);
  return extractor->Extract(n.text, patterns->Scan(n.text), region);
}

TEST(Contacts, LinksWithAndWithoutScheme) {
  auto c = ExtractFrom("Go to https://dhl-fee.top/pay. Or www.example.com, or evil.xyz/login");
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].value, "https://dhl-fee.top/pay");  // the sentence's full stop is not the link's
  EXPECT_EQ(c[0].host.registrable, "dhl-fee.top");
  EXPECT_EQ(c[1].host.registrable, "example.com");
  EXPECT_EQ(c[2].host.registrable, "evil.xyz");
}

// A full stop with no space after it joins two sentences; "it", "to" and "email" are suffixes too.
TEST(Contacts, SentencesJoinedAtAFullStopAreNoDomain) {
  EXPECT_TRUE(IsSentencesJoined("updated.It"));
  EXPECT_TRUE(IsSentencesJoined("errors.To"));
  EXPECT_TRUE(IsSentencesJoined("account.Email"));
  EXPECT_TRUE(IsSentencesJoined("Regards.Email"));  // a capitalised word ends a sentence too
  EXPECT_TRUE(IsSentencesJoined("R.Hughes"));       // and an initial
  EXPECT_FALSE(IsSentencesJoined("Amazon.Com"));    // a domain written with capitals ends in .Com, .Net, .Org
  EXPECT_FALSE(IsSentencesJoined("Aplus.Net"));
  EXPECT_FALSE(IsSentencesJoined("account.Org"));
  EXPECT_FALSE(IsSentencesJoined("AMAZON.Shop"));
  EXPECT_FALSE(IsSentencesJoined("patient-pay.Com"));  // so is a hyphenated one
  EXPECT_FALSE(IsSentencesJoined("help.Example.com"));
  EXPECT_FALSE(IsSentencesJoined("evil.top"));
  EXPECT_FALSE(IsSentencesJoined("www.Example"));
  EXPECT_FALSE(IsSentencesJoined("evil.TOP"));
}

TEST(Contacts, DefangedLinks) {
  auto c = ExtractFrom("hxxp://phish[.]example[.]com/x and bad(.)top");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].host.registrable, "example.com");
  EXPECT_EQ(c[1].host.registrable, "bad.top");
}

// "http //" with the colon dropped is a link whose scheme was written to keep it from being made
// clickable, like "hxxp://"; the link is the whole of it, and its host is read as any link's.
TEST(Contacts, ALinkWithoutItsColonIsALink) {
  auto c =
      ExtractFrom("Akun diblokir. Verifikasi di http //kyotobuk.com/login sekarang, atau https //x-bank.top");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].value, "http //kyotobuk.com/login");
  EXPECT_EQ(c[0].host.registrable, "kyotobuk.com");
  EXPECT_TRUE(c[0].host.has_scheme);
  EXPECT_EQ(c[1].host.registrable, "x-bank.top");
}

TEST(Contacts, AppLinksAreLinks) {
  auto c = ExtractFrom(
      "Click and join us, whatsapp://chat/?code=kggdbfgvo337hx6um. Or tg://resolve?domain=crypto_vip");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].value, "whatsapp://chat/?code=kggdbfgvo337hx6um");  // whole, with its code
  EXPECT_EQ(c[0].host.host, "chat.whatsapp.com");
  EXPECT_EQ(c[1].value, "tg://resolve?domain=crypto_vip");
  EXPECT_EQ(c[1].host.host, "t.me");
}

// Chinese, Japanese, Thai and Khmer write no space between words, Korean joins particles to them: a link or
// address ends where such letters meet its own Latin letters, and begins where they give way to them.
TEST(Contacts, LinksInTextWithoutSpaces) {
  struct Case {
    std::string text, value, registrable;
  } cases[] = {
      {"请登录paypal.com更新您的账户", "paypal.com", "paypal.com"},
      {"詳しくはamazon.co.jpをご覧ください", "amazon.co.jp", "amazon.co.jp"},
      {"paypal.com에서 로그인하세요", "paypal.com", "paypal.com"},
      {"ที่paypal.comค่ะ", "paypal.com", "paypal.com"},
      {"ចូលpaypal.comឥឡូវ", "paypal.com", "paypal.com"},  // Khmer
      {"点击https://evil-login.top/verify立即验证", "https://evil-login.top/verify", "evil-login.top"},
      {"联系support@paypal.com谢谢", "support@paypal.com", "paypal.com"},
      // A path of these letters after a slash is still the link's.
      {"see https://zh.wikipedia.org/wiki/中国 please", "https://zh.wikipedia.org/wiki/中国",
       "wikipedia.org"},
  };
  for (const Case& k : cases) {
    auto c = ExtractFrom(k.text);
    ASSERT_EQ(c.size(), 1u) << k.text;
    EXPECT_EQ(c[0].value, k.value) << k.text;
    EXPECT_EQ(c[0].host.registrable, k.registrable) << k.text;
    EXPECT_EQ(k.text.substr(c[0].start, c[0].end - c[0].start), k.value) << k.text;
  }
  auto handle = ExtractFrom("关注@scamwatch官方");
  ASSERT_EQ(handle.size(), 1u);
  EXPECT_EQ(handle[0].handle, "scamwatch");
  // Letters of one script throughout, as in an internationalised name, stay whole.
  auto idn = ExtractFrom("访问 中国移动.中国 了解");
  ASSERT_EQ(idn.size(), 1u);
  EXPECT_EQ(idn[0].value, "中国移动.中国");
}

TEST(Contacts, EmailIsNotAlsoADomain) {
  auto c = ExtractFrom("Write to security@whatsapp-support-team.com today");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].kind, Contact::kEmail);
  EXPECT_EQ(c[0].local_part, "security");
  EXPECT_EQ(c[0].host.registrable, "whatsapp-support-team.com");
}

TEST(Contacts, PhoneNumbersInE164) {
  auto c = ExtractFrom("Call +44 20 7946 0958 or 0300 123 2040", "GB");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].phone, "+442079460958");
  EXPECT_EQ(c[1].phone, "+443001232040");
}

TEST(Contacts, CodesAndAmountsAreNotPhoneNumbers) {
  for (const char* text : {"Your code is 123-456", "Pay 2.99 GBP", "on 12.05.2024 at 10:30"}) {
    auto c = ExtractFrom(text);
    EXPECT_TRUE(c.empty()) << text << " gave " << c[0].value;
  }
  // A range of round sums is no number, even where its digits are a possible length for a local one.
  for (const char* region : {"GB", "US", "PK"}) {
    auto c = ExtractFrom("Earn 700-3000 per day or 1500-2500 a week", region);
    EXPECT_TRUE(c.empty()) << region << " gave " << c[0].value;
  }
  auto c = ExtractFrom("call 555-0100 or 800-1234", "US");  // local numbers written the same way stay numbers
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].value, "555-0100");
}

TEST(Contacts, Handles) {
  auto c = ExtractFrom("DM @binance_support_help on telegram, not me@mail.com");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].kind, Contact::kHandle);
  EXPECT_EQ(c[0].handle, "binance_support_help");
  EXPECT_EQ(c[1].kind, Contact::kEmail);
}

TEST(Contacts, AHandleKeepsAtMost32Characters) {
  std::string name(40, 'x');
  auto c = ExtractFrom("write to @" + name + " now");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].handle, std::string(32, 'x'));
  c = ExtractFrom("write to @" + std::string(31, 'y') + "é now");  // counts characters, not bytes
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].handle, std::string(31, 'y') + "é");
}

// "@apple.com #518274" ends an origin-bound one-time code: it names the website the code is for.
TEST(Contacts, AnOriginBoundCodeLineNamesAWebsiteNotAnAccount) {
  std::string text = "Your Apple Account code is: 518274.\n\n@apple.com #518274";
  auto c = ExtractFrom(text);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].kind, Contact::kUrl);
  EXPECT_EQ(c[0].value, "apple.com");
  EXPECT_EQ(c[0].host.registrable, "apple.com");
  // Without a code after it, "@apple.com" is a handle as before.
  c = ExtractFrom("follow @apple.com #news");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].kind, Contact::kHandle);
}

TEST(Contacts, WordsWithDotsAreNotLinks) {
  EXPECT_TRUE(ExtractFrom("ok.thanks, see you at 5.30. e.g. this one").empty());
}

}  // namespace
}  // namespace redflag

namespace redflag {
namespace {

// Numbers written in E.164 skip libphonenumber's parser: the answer must be the
// one the parser gives (possible numbers kept as written, the rest refused).
TEST(Contacts, E164ShortcutAgreesWithTheParser) {
  using i18n::phonenumbers::PhoneNumber;
  using i18n::phonenumbers::PhoneNumberUtil;
  const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
  auto parsed = [&](const std::string& written) {
    PhoneNumber number;
    if (util->Parse(written, "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR) return std::string();
    if (!util->IsPossibleNumber(number)) return std::string();
    std::string e164;
    util->Format(number, PhoneNumberUtil::E164, &e164);
    return e164;
  };
  for (const char* written :
       {"+447700900123", "+4477009001", "+12025550123", "+1202555012", "+923001234567", "+9230012345678",
        "+33612345678", "+390612345678", "+393331234567", "+5511912345678", "+80012345678", "+99912345678",
        "+2348031234567", "+971501234567", "+919876543210", "+8613812345678", "+3912345", "+100000000000000",
        "+6281234567890", "+447911123456789"}) {
    EXPECT_EQ(NormalizePhone(written, ""), parsed(written)) << written;
    EXPECT_EQ(NormalizePhone(written, "GB"), parsed(written)) << written;
  }
}

}  // namespace
}  // namespace redflag
