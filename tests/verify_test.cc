#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace redflag {
namespace {

ContactVerdict Verify(const std::string& value, const std::string& platform = "") {
  ContactQuery q;
  q.value = value;
  q.platform = platform;
  auto v = testing::BuiltInAnalyzer().Verify(q);
  EXPECT_TRUE(v.ok()) << v.status().ToString();
  return v.ok() ? *v : ContactVerdict{};
}

TEST(Verify, OfficialWebsite) {
  ContactVerdict v = Verify("https://www.binance.com/en/support");
  EXPECT_EQ(v.verdict, "official");
  EXPECT_EQ(v.brand, "binance");
  EXPECT_EQ(v.kind, "url");
}

// wa.me and t.me are the apps' own domains, but their links open a chat with anyone: a link is as official
// as the number or account it opens.
TEST(Verify, AChatLinkIsJudgedByWhoItOpens) {
  ContactVerdict v = Verify("wa.me/14155550100");
  EXPECT_EQ(v.verdict, "unknown");
  EXPECT_EQ(v.kind, "url");
  EXPECT_NE(v.explanation.find("opens a WhatsApp chat with +14155550100"), std::string::npos)
      << v.explanation;
  v = Verify("https://t.me/binance_help_desk");
  EXPECT_EQ(v.verdict, "lookalike");
  EXPECT_EQ(v.brand, "binance");
  EXPECT_EQ(v.how, "brand_in_username");
  for (const char* invite : {"t.me/joinchat/AbCdEf", "t.me/+AbCdEf", "wa.me/message/ABC", "https://wa.me/",
                             "https://chat.whatsapp.com/AbCdEfGh12345", "chat.whatsapp.com/invite/AbCd"}) {
    v = Verify(invite);
    EXPECT_EQ(v.verdict, "unknown") << invite;
    EXPECT_NE(v.explanation.find("anyone can make one"), std::string::npos)
        << invite << ": " << v.explanation;
  }
  EXPECT_EQ(Verify("https://www.whatsapp.com/security").verdict, "official");  // the app's website still is
  EXPECT_EQ(Verify("https://faq.whatsapp.com/").verdict, "official");  // only chat.whatsapp.com invites
}

// Google's and Microsoft's sites, forms and file shares hold pages anyone can make: such a link is not the
// company's own page, whatever its domain.
TEST(Verify, APageAnyoneCanMakeOnABrandsDomainIsUnknown) {
  for (const char* page :
       {"https://docs.google.com/forms/d/e/1FAIpQLSe/viewform", "sites.google.com/view/paypal-help",
        "https://drive.google.com/file/d/1AbC/view", "https://forms.office.com/r/Xy12AbCd",
        "https://onedrive.live.com/redirect?resid=1"}) {
    ContactVerdict v = Verify(page);
    EXPECT_EQ(v.verdict, "unknown") << page;
    EXPECT_TRUE(v.brand.empty()) << page;
    EXPECT_NE(v.explanation.find("anyone can make"), std::string::npos) << page << ": " << v.explanation;
  }
  for (const char* own :
       {"https://support.google.com/accounts", "https://www.google.com/", "https://account.microsoft.com/"})
    EXPECT_EQ(Verify(own).verdict, "official") << own;
}

// Anyone can open an account on Instagram, Facebook or TikTok and name it after a brand, so a profile link
// is as official as the account it opens; the app's own pages (log-in, help) stay its website.
TEST(Verify, AProfileLinkIsJudgedByTheAccountItOpens) {
  for (const char* profile :
       {"https://www.instagram.com/binance_support_24", "https://m.facebook.com/binance.help.desk",
        "https://www.tiktok.com/@binance.help"}) {
    ContactVerdict v = Verify(profile);
    EXPECT_EQ(v.verdict, "lookalike") << profile;
    EXPECT_EQ(v.brand, "binance") << profile;
    EXPECT_EQ(v.how, "brand_in_username") << profile;
  }
  ContactVerdict v =
      Verify("https://paypal.me/johnsmith");  // PayPal's, but someone's payment link, not a look-alike
  EXPECT_EQ(v.verdict, "unknown");
  EXPECT_NE(v.explanation.find("opens the PayPal account johnsmith"), std::string::npos) << v.explanation;
  EXPECT_EQ(Verify("https://www.paypal.com/paypalme/johnsmith").verdict, "unknown");
  EXPECT_EQ(Verify("paypal.me").verdict,
            "unknown");  // PayPal's own domain, though not its website: no look-alike
  v = Verify("https://x.com/binance/status/1234");  // the registry lists Binance's X account
  EXPECT_EQ(v.verdict, "official");
  EXPECT_EQ(v.brand, "binance");
  EXPECT_EQ(v.explanation, "official Binance X (Twitter)");
  EXPECT_EQ(Verify("https://twitter.com/binance_support_team").verdict, "lookalike");
  EXPECT_EQ(Verify("https://x.com/home").verdict, "unknown");
  for (const char* page : {"https://www.instagram.com/p/Cx1AbC/", "https://www.facebook.com/groups/123456",
                           "https://www.facebook.com/profile.php?id=1000", "https://vm.tiktok.com/ZMabc/"}) {
    v = Verify(page);
    EXPECT_EQ(v.verdict, "unknown") << page;
    EXPECT_NE(v.explanation.find("anyone can make"), std::string::npos) << page << ": " << v.explanation;
  }
  for (const char* own :
       {"https://www.instagram.com/", "https://instagram.com/accounts/password/reset/",
        "https://help.instagram.com/368191326593075", "https://www.facebook.com/hacked",
        "https://www.tiktok.com/legal/page/row/terms-of-service", "https://www.paypal.com/signin"})
    EXPECT_EQ(Verify(own).verdict, "official") << own;
}

// An app link is judged as the web link it equals: a group invitation anyone can make, a chat with a number,
// an account whose name imitates a brand.
TEST(Verify, AnAppLinkIsJudgedAsTheWebLinkItEquals) {
  ContactVerdict v = Verify("whatsapp://chat/?code=KGGDbfgVo337hX6um");
  EXPECT_EQ(v.verdict, "unknown");
  EXPECT_NE(v.explanation.find("anyone can make"), std::string::npos) << v.explanation;
  // WhatsApp's website opens a chat with a number as wa.me does.
  for (const char* chat :
       {"whatsapp://send?phone=14155550100", "https://api.whatsapp.com/send?phone=14155550100&text=hi",
        "api.whatsapp.com/send/?phone=14155550100", "https://web.whatsapp.com/send?phone=14155550100"}) {
    v = Verify(chat);
    EXPECT_EQ(v.verdict, "unknown") << chat;
    EXPECT_NE(v.explanation.find("+14155550100"), std::string::npos) << v.explanation;
  }
  EXPECT_EQ(Verify("https://api.whatsapp.com/").verdict, "official");
  v = Verify("tg://resolve?domain=binance_help_desk");
  EXPECT_EQ(v.verdict, "lookalike");
  EXPECT_EQ(v.brand, "binance");
}

// libphonenumber's numbering plans say which numbers are premium-rate; the answer says so, and stays
// "unknown".
TEST(Verify, APremiumRateNumberIsSaidToBeOne) {
  for (const char* number : {"+44 906 123 4567", "+33 8 99 12 34 56", "+1 900 555 1234"}) {
    ContactVerdict v = Verify(number);
    EXPECT_EQ(v.verdict, "unknown") << number;
    EXPECT_TRUE(v.premium_rate) << number;
    EXPECT_NE(v.explanation.find("premium-rate"), std::string::npos) << v.explanation;
  }
  for (const char* number : {"+44 7700 900123", "+44 121 496 0000", "+1 415 555 0100"}) {
    ContactVerdict v = Verify(number);
    EXPECT_FALSE(v.premium_rate) << number;
    EXPECT_EQ(v.explanation.find("premium-rate"), std::string::npos) << v.explanation;
  }
}

// A link on a shortener (policy.yaml link_shorteners) hides where it goes, and the answer says so, in the
// reader's language; a domain that only starts like one is not one.
TEST(Verify, AShortLinkIsSaidToHideWhereItGoes) {
  for (const char* link : {"https://bit.ly/3xYz12", "tinyurl.com/parcel-fee", "https://t.ly/Ab12"}) {
    ContactVerdict v = Verify(link);
    EXPECT_EQ(v.verdict, "unknown") << link;
    EXPECT_TRUE(v.short_link) << link;
    EXPECT_NE(v.explanation.find("short link"), std::string::npos) << v.explanation;
  }
  for (const char* link :
       {"https://bitly.ws/3xYz12", "https://www.dhl.com/track", "https://t.lyrics.top/x"}) {
    ContactVerdict v = Verify(link);
    EXPECT_FALSE(v.short_link) << link;
    EXPECT_EQ(v.explanation.find("short link"), std::string::npos) << v.explanation;
  }
  ContactQuery french{.value = "https://bit.ly/3xYz12", .lang = "fr"};
  auto v = testing::BuiltInAnalyzer().Verify(french);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_NE(v->explanation.find("lien raccourci"), std::string::npos) << v->explanation;
}

// t.me's paths that are no user name (core.telegram.org/api/links): Telegram's own login page, and
// invitations, sticker sets and proxies anyone can make; any other first part is an account.
TEST(Verify, ATelegramPathThatIsNoUserNameOpensNoAccount) {
  for (const char* own : {"https://t.me/login/48291", "t.me/Login/48291", "telegram.me/login/1"})
    EXPECT_EQ(Verify(own).verdict, "official") << own;
  for (const char* anyones : {"t.me/joinchat/AbCdEf", "t.me/addstickers/Cats", "t.me/proxy?server=1.2.3.4"}) {
    ContactVerdict v = Verify(anyones);
    EXPECT_EQ(v.verdict, "unknown") << anyones;
    EXPECT_NE(v.explanation.find("anyone can make"), std::string::npos) << v.explanation;
  }
  ContactVerdict account = Verify("t.me/loginhelpdesk");
  EXPECT_EQ(account.verdict, "unknown");
  EXPECT_NE(account.explanation.find("loginhelpdesk"), std::string::npos) << account.explanation;
}

// A redirect opens the address in its query, so that address is what is judged.
TEST(Verify, ARedirectIsJudgedByTheAddressItOpens) {
  ContactVerdict v = Verify("https://www.google.com/url?q=https://evil-login.top/x&sa=D");
  EXPECT_EQ(v.verdict, "unknown");
  EXPECT_NE(v.explanation.find("opens evil-login.top through a redirect"), std::string::npos)
      << v.explanation;
  v = Verify("https://www.google.com/url?q=https%3A%2F%2Fnetflix-billing.top%2Fpay");
  EXPECT_EQ(v.verdict, "lookalike");
  EXPECT_EQ(v.brand, "netflix");
  EXPECT_EQ(Verify("https://accounts.google.com/ServiceLogin?continue=https://myaccount.google.com/").verdict,
            "official");
  EXPECT_EQ(Verify("https://www.google.com/search?q=paypal").verdict, "official");  // a query, not an address
  EXPECT_EQ(Verify("https://www.google.com/url?q=%zz").verdict, "official");  // a broken escape opens nothing
}

// One or two letters (wa.me, t.me, g.co) are abbreviations others use too: wa.gov is Washington State's and
// t.co is X's link shortener, not WhatsApp or Telegram under another ending. Longer names still are.
TEST(Verify, AOneOrTwoLetterNameIsNoLookalikeUnderAnotherEnding) {
  for (const char* other : {"wa.gov", "https://t.co/AbC123", "g.cn"})
    EXPECT_EQ(Verify(other).verdict, "unknown") << other;
  ContactVerdict v = Verify("dhl.top");
  EXPECT_EQ(v.verdict, "lookalike");
  EXPECT_EQ(v.how, "other_tld");
}

// "apple", "amazon" and "meta" are everyday words too: in someone else's domain or user name they imitate the
// brand only beside a word scammers add ("support", "verify"), or spelt out as the brand's domain.
TEST(Verify, AnEverydayWordThatNamesABrandImitatesItOnlyBesideAScammersWord) {
  for (const char* own :
       {"mail@apple-pie-bakery.com", "meta-analysis.org", "https://www.pineapple-recipes.com",
        "amazon-rainforest-trust.org", "john.apple@gmail.com", "https://example.com/recipes/apple-pie"})
    EXPECT_EQ(Verify(own).verdict, "unknown") << own;
  for (auto [fake, brand] :
       std::vector<std::pair<const char*, const char*>>{{"https://apple-support-id.com", "apple"},
                                                        {"https://meta-verify-account.com", "meta"},
                                                        {"http://www.apple.com-ifind.com/", "apple"},
                                                        {"amazon-prime-refund.top", "amazon"},
                                                        {"meta-mask.io", "metamask"}}) {
    ContactVerdict v = Verify(fake);
    EXPECT_EQ(v.verdict, "lookalike") << fake;
    EXPECT_EQ(v.brand, brand) << fake;
  }
}

// Short names hide inside other words: "chase" in "purchase", "target" in "techtarget", "costco" in
// "lowcostcomputers", "venmo" across "steven.moore". Inside a word such a name imitates the brand only beside
// digits or a scammer's word, and across a separator only as whole words ("pay-pal"); long names
// ("whatsapp", "binance") still count anywhere. Everyday names (chase, target, discover, bestbuy, tmobile:
// policy.yaml) need a scammer's word beside them even as a word of their own.
TEST(Verify, AShortNameInsideAnotherWordIsNoLookalike) {
  for (const char* own :
       {"purchase-order.com", "purchase@shop.com", "lowcostcomputers.co.uk", "costcompare.io",
        "techtarget.com", "on-target.com", "smartmobile.com", "tmobilebroadband.com", "bestbuyers-guide.com",
        "discovery.com", "discoveryplus.com", "discover-italy.com", "steven.moore@example.com",
        "evenmore.com", "openoffice.org", "chase.miller@gmail.com"})
    EXPECT_EQ(Verify(own).verdict, "unknown") << own;
  for (auto [fake, brand] :
       std::vector<std::pair<const char*, const char*>>{{"costco-rewards.com", "costco"},
                                                        {"costcorewards.com", "costco"},
                                                        {"costco24.shop", "costco"},
                                                        {"chaselocked.com", "chase"},
                                                        {"chase-secure-login.com", "chase"},
                                                        {"venmorefund.com", "venmo"},
                                                        {"venmo.support@gmail.com", "venmo"},
                                                        {"targetrewards.top", "target"},
                                                        {"tmobilebilling.com", "t_mobile"},
                                                        {"t-mobile-verify.com", "t_mobile"},
                                                        {"pay-pal-secure.com", "paypal"},
                                                        {"krakens-logins-fi.com", "kraken"},
                                                        {"whatsappgold.com", "whatsapp"},
                                                        {"notbankofamerica.com", "bank_of_america"},
                                                        {"coinbas-esignin.com", "coinbase"}}) {
    ContactVerdict v = Verify(fake);
    EXPECT_EQ(v.verdict, "lookalike") << fake;
    EXPECT_EQ(v.brand, brand) << fake;
  }
}

// att.net and verizon.net are the companies' mail services for their customers (domains.mailbox), and
// icloud.com Apple's: an address or link there is anyone's, neither official nor a look-alike of att.com or
// verizon.com by its domain. A user name there is judged as on any free mail service, the mailbox's own
// brand included: "apple.support@icloud.com" is no more Apple's than "apple.support@gmail.com".
TEST(Verify, ACustomerMailboxIsNeitherOfficialNorALookalike) {
  for (const char* mailbox : {"jim@att.net", "http://gpoulose.home.att.net/", "shadow.dweller@verizon.net",
                              "verizon.net", "support.team@icloud.com", "jane@me.com", "someone@live.com"}) {
    ContactVerdict v = Verify(mailbox);
    EXPECT_EQ(v.verdict, "unknown") << mailbox;
    EXPECT_TRUE(v.brand.empty()) << mailbox;
  }
  for (auto [name, brand] :
       std::vector<std::pair<const char*, const char*>>{{"paypal.support@att.net", "paypal"},
                                                        {"att.billing@att.net", "att"},
                                                        {"apple.support@icloud.com", "apple"},
                                                        {"microsoft.support@live.com", "microsoft"}}) {
    ContactVerdict v = Verify(name);
    EXPECT_EQ(v.verdict, "lookalike") << name;
    EXPECT_EQ(v.brand, brand) << name;
  }
  ContactVerdict v = Verify("https://www.icloud.com/find");
  EXPECT_EQ(v.verdict, "official");
  EXPECT_EQ(v.brand, "apple");
  EXPECT_EQ(Verify("https://account.live.com/password/reset").verdict, "official");
  EXPECT_EQ(Verify("https://www.att.com/support").verdict, "official");
  for (auto [fake, brand] : std::vector<std::pair<const char*, const char*>>{
           {"att-account-verify.com", "att"}, {"att.org", "att"}, {"verizon-support.com", "verizon"}}) {
    v = Verify(fake);
    EXPECT_EQ(v.verdict, "lookalike") << fake;
    EXPECT_EQ(v.brand, brand) << fake;
  }
}

// "cash" of Cash App's cash.app is an everyday word and one of lookalike_words: it names no one, so loan
// and refund sites are no Cash App look-alikes. Cash App's name spelt as a domain still is.
TEST(Verify, CashInADomainNamesNoOne) {
  for (const char* other : {"get-cash-now.com", "cash-refund.com", "cash.com", "cashback-deals.com"})
    EXPECT_EQ(Verify(other).verdict, "unknown") << other;
  EXPECT_EQ(Verify("https://cash.app/help").verdict, "official");
  for (const char* fake : {"cashapp.top", "squareup-verify.com"}) {
    ContactVerdict v = Verify(fake);
    EXPECT_EQ(v.verdict, "lookalike") << fake;
    EXPECT_EQ(v.brand, "cash_app") << fake;
  }
}

// On its own, a brand's name in a link's path is a weak look-alike: it counts in a message that names the
// brand, unless the message links to the same site elsewhere (tests/golden/brands_us.yaml).
TEST(Verify, ABrandInAPathIsAWeakLookalike) {
  ContactVerdict v = Verify("http://rgbprint.vn/walmart/");
  EXPECT_EQ(v.verdict, "lookalike");
  EXPECT_EQ(v.brand, "walmart");
  EXPECT_EQ(v.how, "brand_in_path");
  EXPECT_TRUE(v.weak);
}

// A user name of one or two letters imitates no brand whose name is as short: "ca" is what edd.ca.gov is
// called under ca.gov, "t" and "wa" are t.me's and wa.me's names.
TEST(Verify, AOneOrTwoLetterUserNameImitatesNoOne) {
  for (const char* own : {"ca@example.com", "c.a@example.com", "t@example.com", "wa@example.com"})
    EXPECT_EQ(Verify(own).verdict, "unknown") << own;
  EXPECT_EQ(Verify("dhl@gmail.com").verdict, "lookalike");
}

// SBI's bank.sbi is official, but "bank" is one of lookalike_words: it names no one elsewhere.
TEST(Verify, ALabelThatIsALookalikeWordNamesNoOne) {
  EXPECT_EQ(Verify("bank.sbi").verdict, "official");
  for (const char* other : {"bank-of-ireland.com", "scotia-bank-support.com", "bank.com", "bamk.com"})
    EXPECT_EQ(Verify(other).verdict, "unknown") << other;
  EXPECT_EQ(Verify("onlinesbi-verify.com").verdict, "lookalike");
}

// nhs.uk is itself a public suffix, whose every host is an NHS organisation's; its name still makes
// look-alikes.
TEST(Verify, ABrandThatOwnsAPublicSuffixOwnsEveryHostUnderIt) {
  for (const char* own : {"https://www.nhs.uk/conditions/", "https://111.nhs.uk"}) {
    ContactVerdict v = Verify(own);
    EXPECT_EQ(v.verdict, "official") << own;
    EXPECT_EQ(v.brand, "nhs") << own;
  }
  ContactVerdict v = Verify("https://nhs-covid-pass.com");
  EXPECT_EQ(v.verdict, "lookalike");
  EXPECT_EQ(v.brand, "nhs");
}

// A domain that holds two brands' names imitates the one named in full: the longer name.
TEST(Verify, ADomainWithTwoBrandNamesImitatesTheLongerOne) {
  for (auto [fake, brand] : std::vector<std::pair<const char*, const char*>>{
           {"meta-mask-wallet.online", "metamask"}, {"info-live-binance.com", "binance"}}) {
    ContactVerdict v = Verify(fake);
    EXPECT_EQ(v.verdict, "lookalike") << fake;
    EXPECT_EQ(v.brand, brand) << fake;
  }
}

// The registry lists Binance's X handle but none on Telegram: "@binance" there may be Binance's own, so
// it is unknown, not a look-alike; a disguised or longer name still is one.
TEST(Verify, ABareBrandNameWhereNoHandleIsListedIsUnknown) {
  EXPECT_EQ(Verify("@binance", "telegram").verdict, "unknown");
  EXPECT_EQ(Verify("@royalmail", "instagram").verdict, "unknown");
  EXPECT_EQ(Verify("@binance", "x").verdict, "official");
  EXPECT_EQ(Verify("@binance_support", "x").verdict, "lookalike");
  for (const char* disguised : {"@paypa1", "@pay.pal", "@binance_support_desk"})
    EXPECT_EQ(Verify(disguised, "instagram").verdict, "lookalike") << disguised;
}

// With no platform named ("follow @paypal" in a message), the bare name may be the brand's own account on
// any platform: unknown. A disguised or longer name is a look-alike on every platform.
TEST(Verify, ABareBrandNameOnNoNamedPlatformIsUnknown) {
  for (const char* bare : {"@paypal", "@royalmail", "@PayPal"})
    EXPECT_EQ(Verify(bare).verdict, "unknown") << bare;
  EXPECT_EQ(Verify("@binance").verdict, "official");  // listed on X
  for (const char* disguised : {"@paypa1", "@pay.pal", "@paypal_support", "@binance_support_desk"})
    EXPECT_EQ(Verify(disguised).verdict, "lookalike") << disguised;
}

// A user name with the brand's name in it imitates the brand; one with a word that is only the label of
// one of its domains ("live" of live.com, "office" of office.com) is what people call themselves too.
TEST(Verify, AUserNameImitatesABrandByItsNameNotByAnEverydayWord) {
  for (const char* own : {"john.live@gmail.com", "head.office@yahoo.com", "@office_hours"})
    EXPECT_EQ(Verify(own).verdict, "unknown") << own;
  for (const char* imitation :
       {"microsoft.support@gmail.com", "icloud.help@outlook.com", "@binance_support_desk"})
    EXPECT_EQ(Verify(imitation).verdict, "lookalike") << imitation;
}

TEST(Verify, OfficialEmail) {
  ContactVerdict v = Verify("support@whatsapp.com");
  EXPECT_EQ(v.verdict, "official");
  EXPECT_EQ(v.brand, "whatsapp");
}

TEST(Verify, LookalikeEmailDomain) {
  ContactVerdict v = Verify("security@whatsapp-support-team.com");
  EXPECT_EQ(v.verdict, "lookalike");
  EXPECT_EQ(v.brand, "whatsapp");
  EXPECT_EQ(v.how, "added_words");
}

TEST(Verify, BrandNameOnAFreeMailAddress) {
  ContactVerdict v = Verify("binance.support.desk@gmail.com");
  EXPECT_EQ(v.verdict, "lookalike");
  EXPECT_EQ(v.brand, "binance");
  EXPECT_EQ(v.how, "brand_in_username");
}

// The site after the '@' is the one a browser opens; the brand before it is a disguise.
TEST(Verify, BrandBeforeTheAtOfALink) {
  ContactVerdict v = Verify("https://www.paypal.com@evil-site.com/login");
  EXPECT_EQ(v.verdict, "lookalike");
  EXPECT_EQ(v.brand, "paypal");
  EXPECT_EQ(v.how, "brand_before_at");
  EXPECT_EQ(v.normalized, "evil-site.com");
  EXPECT_EQ(Verify("https://someone@www.paypal.com/").verdict, "official");
}

// A sender as a mail program shows it: the address is judged, and a brand's name shown before someone
// else's address is a disguise.
TEST(Verify, ASenderWithADisplayName) {
  ContactVerdict v = Verify("WhatsApp <security@gmail.com>");
  EXPECT_EQ(v.kind, "email");
  EXPECT_EQ(v.verdict, "lookalike");
  EXPECT_EQ(v.brand, "whatsapp");
  EXPECT_EQ(v.how, "brand_in_display_name");
  EXPECT_EQ(v.normalized, "security@gmail.com");
  EXPECT_EQ(Verify("\"WhatsApp Support\" <noreply@whatsapp-security.com>").how, "added_words");
  EXPECT_EQ(Verify("WhatsApp <noreply@whatsapp.com>").verdict, "official");
  EXPECT_EQ(Verify("Jane Smith <jane.smith@gmail.com>").verdict, "unknown");
}

TEST(Verify, Handles) {
  EXPECT_EQ(Verify("@binance", "x").verdict, "official");
  ContactVerdict fake = Verify("@binance_support_247", "telegram");
  EXPECT_EQ(fake.verdict, "lookalike");
  EXPECT_EQ(fake.brand, "binance");
}

TEST(Verify, UnknownIsNeverSafe) {
  ContactVerdict v = Verify("example.org");
  EXPECT_EQ(v.verdict, "unknown");
  EXPECT_THAT(v.explanation, ::testing::Not(::testing::HasSubstr("safe.")));
}

TEST(Verify, ShortCode) {
  ContactVerdict v = Verify("8171");
  EXPECT_EQ(v.kind, "phone");
  EXPECT_EQ(v.verdict, "official");
  EXPECT_EQ(v.brand, "bisp");
}

TEST(Verify, BadInputIsAnError) {
  ContactQuery q;
  q.value = "not a domain";
  EXPECT_FALSE(testing::BuiltInAnalyzer().Verify(q).ok());
  q.value = "";
  EXPECT_FALSE(testing::BuiltInAnalyzer().Verify(q).ok());
}

TEST(BrandChannelFacts, BinanceNeverUsesWhatsApp) {
  auto f = testing::BuiltInAnalyzer().BrandChannelFacts("binance", "whatsapp");
  ASSERT_OK(f);
  EXPECT_EQ(f->status, "never");
  EXPECT_FALSE(f->statements.empty());
  EXPECT_FALSE(f->verify_tool_url.empty());
  EXPECT_FALSE(testing::BuiltInAnalyzer().BrandChannelFacts("no_such_brand", "sms").ok());
}

// MetaMask's eth-phishing-detect list (../shared/corpus/domains): 13,752 real
// crypto phishing domains, and 1,138 legitimate domains its fuzzy matcher took
// for look-alikes. Never "official" for a phishing domain; a look-alike for most
// of those that imitate a brand in the registry, and for few legitimate ones.
TEST(Verify, CryptoPhishingDomainList) {
  std::string path = std::string(REDFLAG_SOURCE_DIR) + "/../shared/corpus/domains/eth_phishing_detect.jsonl";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "no domain list at ../shared/corpus/domains (see README, Data)";
  std::map<std::string, std::map<std::string, int>> counts;  // label -> verdict (or "error") -> domains
  std::vector<std::string> phishing_called_official;
  for (std::string line; std::getline(in, line);) {
    auto row = nlohmann::json::parse(line);
    std::string label = row["label"], domain = row["domain"];
    ContactQuery q;
    q.value = domain;
    auto v = testing::BuiltInAnalyzer().Verify(q);
    ++counts[label][v.ok() ? v->verdict : "error"];
    if (label == "phishing" && v.ok() && v->verdict == "official") phishing_called_official.push_back(domain);
  }
  for (const auto& [label, verdicts] : counts)
    for (const auto& [verdict, n] : verdicts) std::cout << label << " " << verdict << ": " << n << "\n";
  EXPECT_THAT(phishing_called_official, ::testing::IsEmpty());
  // Measured 2026-12-05: 1,095 phishing domains named as look-alikes, 21
  // legitimate ones (1.8 %), and 10 errors, all names without a listed suffix
  // ("azuki.claim", "uniswap.eth"). 2026-12-06: 1,090, since a short name inside
  // a word needs a scammer's word beside it ("dropkraken", "defi-cloud" no longer);
  // 1,084 once "bank" of bank.sbi named no one ("change-bank.org" was SBI's); 1,106
  // with McAfee and Walmart in the registry.
  EXPECT_GE(counts["phishing"]["lookalike"], 1050);
  EXPECT_LE(counts["legit"]["lookalike"], 30);
  EXPECT_LE(counts["phishing"]["error"] + counts["legit"]["error"], 12);
}

}  // namespace
}  // namespace redflag
