#include "extract/domain.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "detect/registry.h"
#include "test_support.h"

namespace redflag {
namespace {

TEST(ParseHost, RegistrableDomainFromThePublicSuffixList) {
  HostParts p;
  ASSERT_TRUE(ParseHost("https://login.evil.co.uk/path?x=1", &p));
  EXPECT_EQ(p.host, "login.evil.co.uk");
  EXPECT_EQ(p.registrable, "evil.co.uk");
  EXPECT_EQ(p.suffix, "co.uk");
  EXPECT_EQ(p.label, "evil");
  EXPECT_EQ(p.path, "/path?x=1");
}

TEST(ParseHost, UndoesDefanging) {
  HostParts p;
  ASSERT_TRUE(ParseHost("hxxps://whatsapp-verify[.]com/login", &p));
  EXPECT_EQ(p.registrable, "whatsapp-verify.com");
  ASSERT_TRUE(ParseHost("example(.)top", &p));
  EXPECT_EQ(p.registrable, "example.top");
}

// whatsapp:// and tg:// links open the apps; each is read as the web link that opens the same chat or group.
TEST(ParseHost, AnAppLinkIsReadAsTheWebLinkItEquals) {
  HostParts p;
  ASSERT_TRUE(ParseHost("whatsapp://chat/?code=KGGDbfgVo337hX6um", &p));
  EXPECT_EQ(p.host, "chat.whatsapp.com");
  EXPECT_EQ(p.path, "/kggdbfgvo337hx6um");
  EXPECT_TRUE(p.has_scheme);
  ASSERT_TRUE(ParseHost("WhatsApp://chat/join/?code=Ab12&nkdc=x", &p));
  EXPECT_EQ(p.host, "chat.whatsapp.com");
  EXPECT_EQ(p.path, "/ab12");  // the next parameter is not part of the code
  ASSERT_TRUE(ParseHost("whatsapp://send?phone=14155550100&text=hi", &p));
  EXPECT_EQ(p.host, "wa.me");
  EXPECT_EQ(p.path, "/14155550100");
  ASSERT_TRUE(ParseHost("tg://resolve?domain=binance_help_desk", &p));
  EXPECT_EQ(p.host, "t.me");
  EXPECT_EQ(p.path, "/binance_help_desk");
  ASSERT_TRUE(ParseHost("tg://join?invite=AbCdEf", &p));
  EXPECT_EQ(p.path, "/+abcdef");
  EXPECT_FALSE(ParseHost("whatsapp://app", &p));  // opens the app, no chat: no host to judge
  EXPECT_FALSE(ParseHost("tg://settings", &p));
}

TEST(ParseHost, UserInfoDoesNotHideTheRealHost) {
  HostParts p;
  ASSERT_TRUE(ParseHost("https://whatsapp.com@evil.top/login", &p));
  EXPECT_EQ(p.registrable, "evil.top");
  EXPECT_EQ(p.userinfo, "whatsapp.com");
  ASSERT_TRUE(ParseHost("https://www.example.org/a@b", &p));
  EXPECT_EQ(p.userinfo, "");  // an '@' in the path is not a user name
}

TEST(ParseHost, InternationalisedNames) {
  HostParts p;
  ASSERT_TRUE(ParseHost("wһatsapp.com", &p));  // Cyrillic һ
  EXPECT_EQ(p.host.rfind("xn--", 0), 0u);
  EXPECT_EQ(p.unicode_label, "wһatsapp");
}

// South Africa lists only second-level suffixes ("co.za"), not "za" itself.
TEST(ParseHost, CountriesThatListOnlySecondLevelSuffixes) {
  HostParts p;
  ASSERT_TRUE(ParseHost("coinbase.com.nervo.co.za", &p));
  EXPECT_EQ(p.registrable, "nervo.co.za");
  EXPECT_EQ(p.suffix, "co.za");
  EXPECT_FALSE(ParseHost("uniswap.eth", &p));  // only the '*' default rule allows "eth"
}

TEST(DisguisingHost, AWebsiteNameBeforeTheAt) {
  HostParts p;
  ASSERT_TRUE(ParseHost("Https://www.UnionBank.Org_@nx.tn/EjmCx", &p));
  EXPECT_EQ(p.registrable, "nx.tn");
  EXPECT_EQ(DisguisingHost(p), "www.unionbank.org");
  ASSERT_TRUE(ParseHost("https://anna@files.example.org/x", &p));
  EXPECT_EQ(DisguisingHost(p), "");  // a user name
  ASSERT_TRUE(ParseHost("https://example.org@www.example.org/x", &p));
  EXPECT_EQ(DisguisingHost(p), "");  // the link's own domain
  ASSERT_TRUE(ParseHost("mybank.com@evil.top", &p));
  EXPECT_EQ(DisguisingHost(p), "");  // without a scheme it is an email address, not a link
}

TEST(ParseHost, RejectsWhatIsNoDomain) {
  HostParts p;
  EXPECT_FALSE(ParseHost("e.g", &p));
  EXPECT_FALSE(ParseHost("version1.2", &p));
  EXPECT_FALSE(ParseHost("", &p));
}

// ParseHost keeps its last few answers per thread: a repeated link, in another spelling of the same
// link or after other links, a failed one too, gets the same parts as the first time.
TEST(ParseHost, ARepeatedLinkGetsTheSameAnswer) {
  auto fields = [](const HostParts& p) {
    return std::vector<std::string>{
        p.host,   p.unicode,  p.registrable,
        p.suffix, p.label,    p.unicode_label,
        p.path,   p.userinfo, std::to_string(p.has_scheme) + std::to_string(p.is_ip)};
  };
  const std::vector<std::string> links = {"https://paypal.com@evil.top/x", "xn--80ak6aa92e.com",
                                          "localhost/x", "1.2.3.4", "HXXPS://Evil[.]Top/Path"};
  std::vector<std::vector<std::string>> first;
  std::vector<bool> first_ok;
  for (const std::string& link : links) {
    HostParts p;
    first_ok.push_back(ParseHost(link, &p));
    first.push_back(fields(p));
  }
  for (int round = 0; round < 3; ++round)
    for (size_t i = 0; i < links.size(); ++i) {
      HostParts p;
      p.path = "left over";
      EXPECT_EQ(ParseHost(links[i], &p), first_ok[i]) << links[i];
      EXPECT_EQ(fields(p), first[i]) << links[i];
    }
  HostParts defanged, plain;
  ASSERT_TRUE(ParseHost("hxxps://evil[.]top/path", &defanged));
  ASSERT_TRUE(ParseHost("https://evil.top/path", &plain));
  EXPECT_EQ(fields(defanged), fields(plain));
}

TEST(HostIsWithin, SubdomainsOnly) {
  EXPECT_TRUE(HostIsWithin("business.whatsapp.com", "whatsapp.com"));
  EXPECT_TRUE(HostIsWithin("whatsapp.com", "whatsapp.com"));
  EXPECT_FALSE(HostIsWithin("notwhatsapp.com", "whatsapp.com"));
}

TEST(EditDistance, CountsTranspositionsAsOne) {
  EXPECT_EQ(EditDistance("paypal", "paypal", 2), 0);
  EXPECT_EQ(EditDistance("paypal", "payapl", 2), 1);
  EXPECT_EQ(EditDistance("whatsapp", "whatsap", 2), 1);
  EXPECT_GT(EditDistance("binance", "amazon", 2), 2);
}

struct LookalikeCase {
  const char* domain;
  const char* brand;
  const char* how;
};

class Lookalike : public ::testing::TestWithParam<LookalikeCase> {};

TEST_P(Lookalike, NamesTheBrandAndHow) {
  static BrandRegistry registry(testing::BuiltInAnalyzer().knowledge());
  HostParts p;
  ASSERT_TRUE(ParseHost(GetParam().domain, &p));
  ASSERT_EQ(registry.WebOwner(p), nullptr);
  auto l = registry.DomainLookalike(p);
  ASSERT_TRUE(l.has_value()) << GetParam().domain;
  EXPECT_EQ(l->brand->id, GetParam().brand);
  EXPECT_EQ(l->how, GetParam().how);
}

INSTANTIATE_TEST_SUITE_P(
    Registry, Lookalike,
    ::testing::Values(LookalikeCase{"paypa1.com", "paypal", "confusable"},
                      LookalikeCase{"wһatsapp.com", "whatsapp", "confusable"},
                      LookalikeCase{"whatsapp.com.verify-login.top", "whatsapp", "brand_in_subdomain"},
                      LookalikeCase{"whatsapp-business-verify.com", "whatsapp_business", "added_words"},
                      LookalikeCase{"dhl-parcel-fee.top", "dhl", "added_words"},
                      LookalikeCase{"binance.org", "binance", "other_tld"},
                      LookalikeCase{"binnance.com", "binance", "typo"},
                      LookalikeCase{"metamsak.io", "metamask", "typo"},
                      LookalikeCase{"coinbase.com.nervo.co.za", "coinbase", "brand_in_subdomain"},
                      LookalikeCase{"https://www.paypal.com@secure-login.top/x", "paypal", "brand_before_at"},
                      LookalikeCase{"https://netflix-billing@pay-now.top/", "netflix", "brand_before_at"},
                      // UTS #39 maps "0" to "O": compared without case, "g00gle" is "google".
                      LookalikeCase{"g00gle.com", "google", "confusable"},
                      LookalikeCase{"faceb00k.com", "facebook", "confusable"},
                      // One disguised word beside others.
                      LookalikeCase{"amaz0n-billing.top", "amazon", "confusable"},
                      LookalikeCase{"pаypal-secure.com", "paypal", "confusable"},
                      // An accent on a letter, written out or as the punycode a browser shows.
                      LookalikeCase{"whátsapp.com", "whatsapp", "confusable"},
                      LookalikeCase{"xn--whtsapp-iwa.com", "whatsapp", "confusable"},
                      LookalikeCase{"https://www.ámazon.com/login", "amazon", "confusable"},
                      LookalikeCase{"pàypal-secure.com", "paypal", "confusable"},
                      LookalikeCase{"whàtsap.com", "whatsapp", "typo"},
                      // What the brand is called, where its domain says otherwise (zellepay.com, cash.app).
                      LookalikeCase{"zelle-cancel.top", "zelle", "added_words"},
                      LookalikeCase{"cashapp-support.com", "cash_app", "added_words"},
                      LookalikeCase{"homedepot-rewards.top", "home_depot", "added_words"}));

TEST(Registry, OfficialDomainsAreNotLookalikes) {
  BrandRegistry registry(testing::BuiltInAnalyzer().knowledge());
  for (const char* d : {"www.whatsapp.com", "business.whatsapp.com", "www.binance.com", "www.dhl.com"}) {
    HostParts p;
    ASSERT_TRUE(ParseHost(d, &p));
    EXPECT_NE(registry.WebOwner(p), nullptr) << d;
  }
}

TEST(Registry, UnrelatedDomainsAreUnknown) {
  BrandRegistry registry(testing::BuiltInAnalyzer().knowledge());
  // Two letters from an eight-letter name is another firm's name ("metavas",
  // "metamars": legitimate domains on MetaMask's list), not a typo.
  for (const char* d :
       {"example.org", "bbc.co.uk", "upsilon.io", "wikipedia.org", "metavas.com", "metamars.org",
        // Abbreviations under five letters are others' names too (Tata Consultancy Services); "cash" of
        // cash.app names no one; two words run together ("cashapp") hide in others ("cashappliances").
        "tcs-careers.com", "cash-refund.com", "cashappliances.com", "b0ston-2024.org",
        // Words with accents that are nobody's name.
        "café.com", "münchen.de", "bücher.de", "españa.com"}) {
    HostParts p;
    ASSERT_TRUE(ParseHost(d, &p));
    EXPECT_FALSE(registry.DomainLookalike(p).has_value()) << d;
  }
}

}  // namespace
}  // namespace redflag
