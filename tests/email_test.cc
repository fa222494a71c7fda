// Emails: the golden .eml files (tests/inputs/email/expected.yaml), the
// header checks one by one, HTML to text, Authentication-Results, bad input.
#include "intake/email.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "intake/auth_results.h"
#include "intake/html_text.h"
#include "test_support.h"

namespace redflag {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kDir = std::string(REDFLAG_SOURCE_DIR) + "/tests/inputs/email/";

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string& FieldOf(const Message& m, Field f) {
  switch (f) {
    case Field::kText:
      return m.text;
    case Field::kFrom:
      return m.from;
    case Field::kSubject:
      return m.subject;
    case Field::kHeaders:
      return m.headers;
  }
  return m.text;
}

// Every piece of evidence quotes its field exactly.
void ExpectEvidenceQuotes(const Message& m, const Report& r) {
  for (const RedFlag& f : r.red_flags) {
    ASSERT_FALSE(f.evidence.empty()) << f.id;
    for (const Evidence& e : f.evidence) {
      const std::string& field = FieldOf(m, e.field);
      ASSERT_LE(e.end, field.size()) << f.id;
      EXPECT_EQ(field.substr(e.start, e.end - e.start), e.text) << f.id;
    }
  }
}

std::vector<std::string> Strings(const YAML::Node& n) {
  std::vector<std::string> out;
  if (n)
    for (const auto& x : n) out.push_back(x.as<std::string>());
  return out;
}

struct GoldenEmail {
  std::string file;
  YAML::Node node;
};
void PrintTo(const GoldenEmail& c, std::ostream* os) { *os << c.file; }

std::vector<GoldenEmail> LoadGolden() {
  std::vector<GoldenEmail> cases;
  for (const auto& n : YAML::LoadFile(kDir + "expected.yaml"))
    cases.push_back({n["file"].as<std::string>(), n});
  return cases;
}

class EmailGolden : public ::testing::TestWithParam<GoldenEmail> {};

TEST_P(EmailGolden, Holds) {
  const YAML::Node& c = GetParam().node;
  StatusOr<Message> m = ParseEmail(Slurp(kDir + GetParam().file));
  if (c["error"]) {
    ASSERT_FALSE(m.ok());
    EXPECT_THAT(m.status().message(), HasSubstr(c["error"].as<std::string>()));
    return;
  }
  ASSERT_OK(m);
  EXPECT_EQ(m->channel, Channel::kEmail);
  EXPECT_EQ(m->input.format, "eml");
  if (c["subject"]) {
    EXPECT_EQ(m->subject, c["subject"].as<std::string>());
  }
  if (c["text_contains"]) {
    EXPECT_THAT(m->text, HasSubstr(c["text_contains"].as<std::string>()));
  }
  if (c["text_lacks"]) {
    EXPECT_THAT(m->text, Not(HasSubstr(c["text_lacks"].as<std::string>())));
  }
  std::vector<std::string> names, risky;
  for (const Attachment& a : m->input.attachments) {
    names.push_back(a.name);
    if (a.risky) risky.push_back(a.name);
  }
  if (c["attachments"]) {
    EXPECT_EQ(names, Strings(c["attachments"]));
  }
  if (c["risky"]) {
    EXPECT_EQ(risky, Strings(c["risky"]));
  }

  StatusOr<Report> r = testing::BuiltInAnalyzer().Analyze(*m);
  ASSERT_OK(r);
  std::vector<std::string> ids = testing::FlagIds(*r);
  std::string got = std::string(VerdictName(r->verdict)) + " " + ::testing::PrintToString(ids);
  EXPECT_EQ(VerdictName(r->verdict), c["verdict"].as<std::string>()) << got;
  for (const auto& id : Strings(c["flags"])) EXPECT_THAT(ids, Contains(id)) << got;
  for (const auto& id : Strings(c["absent"])) EXPECT_THAT(ids, Not(Contains(id))) << got;
  EXPECT_EQ(r->input.format, "eml");
  ExpectEvidenceQuotes(*m, *r);
}

INSTANTIATE_TEST_SUITE_P(Files, EmailGolden, ::testing::ValuesIn(LoadGolden()),
                         [](const ::testing::TestParamInfo<GoldenEmail>& info) {
                           std::string name = info.param.file.substr(0, info.param.file.find('.'));
                           for (char& ch : name)
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return name;
                         });

// A small email around `headers` and `body`.
std::string Mail(const std::string& headers, const std::string& body = "Hello, see you soon.\n") {
  return headers + "To: you@example.com\nSubject: test\nMIME-Version: 1.0\n\n" + body;
}

const InputFinding* FindingFor(const Message& m, const std::string& flag) {
  for (const auto& f : m.findings)
    if (f.flag == flag) return &f;
  return nullptr;
}

TEST(Email, ReplyToOnAnotherDomainIsAMismatch) {
  auto m = ParseEmail(Mail("From: Bank <alerts@bank.co.uk>\nReply-To: helpdesk@bank-help.net\n"));
  ASSERT_OK(m);
  const InputFinding* f = FindingFor(*m, "header_mismatch");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(m->headers.substr(f->evidence.start, f->evidence.end - f->evidence.start),
            "Reply-To: helpdesk@bank-help.net");
  EXPECT_THAT(f->evidence.note, HasSubstr("bank-help.net"));
}

TEST(Email, SameRegistrableDomainIsNoMismatch) {
  auto m =
      ParseEmail(Mail("From: Bank <alerts@bank.co.uk>\nReply-To: help@support.bank.co.uk\n"
                      "Return-Path: <bounce@mail.bank.co.uk>\n"));
  ASSERT_OK(m);
  EXPECT_EQ(FindingFor(*m, "header_mismatch"), nullptr);
}

TEST(Email, FoldedReplyToIsQuotedWhole) {
  std::string raw = Mail("From: a@example.com\r\nReply-To: \"Desk\"\r\n <desk@other.org>\r\n");
  auto m = ParseEmail(raw);
  ASSERT_OK(m);
  const InputFinding* f = FindingFor(*m, "header_mismatch");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(m->headers.substr(f->evidence.start, f->evidence.end - f->evidence.start),
            "Reply-To: \"Desk\"\r\n <desk@other.org>");
}

TEST(Email, LinkTextChecksOnlyWordsThatLookLikeAnAddress) {
  std::string html =
      "<p><a href='https://evil.example.net/x'>Click here</a> "
      "<a href='https://www.amazon.co.uk/orders'>amazon.co.uk</a> "
      "<a href='mailto:x@y.com'>help.desk.com</a> "
      "<a href='https://login.evil.example.net/'>https://www.amazon.co.uk/signin</a></p>";
  auto m = ParseEmail(Mail("From: a@example.com\nContent-Type: text/html\n", html));
  ASSERT_OK(m);
  std::vector<std::string> notes;
  for (const auto& f : m->findings)
    if (f.flag == "link_text_mismatch") notes.push_back(f.evidence.note);
  EXPECT_EQ(notes, std::vector<std::string>{"shows amazon.co.uk but goes to example.net"});
  EXPECT_THAT(m->text, HasSubstr("Click here <https://evil.example.net/x>"));
}

TEST(Email, AttachmentsAreListedAndJudged) {
  std::string body =
      "--b\nContent-Type: text/plain\n\nSee the file.\n"
      "--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment; "
      "filename=\"invoice.pdf.exe\"\n"
      "Content-Transfer-Encoding: base64\n\nTVqQAAMAAAAEAAAA\n"
      "--b\nContent-Type: application/zip; name=\"docs.zip\"\nContent-Transfer-Encoding: base64\n\nUEsDBA==\n"
      "--b\nContent-Type: image/png\nContent-Disposition: attachment; filename=\"photo.png\"\n\nxx\n--b--\n";
  auto m = ParseEmail(Mail("From: a@example.com\nContent-Type: multipart/mixed; boundary=b\n", body));
  ASSERT_OK(m);
  ASSERT_EQ(m->input.attachments.size(), 3u);
  EXPECT_EQ(m->input.attachments[0].name, "invoice.pdf.exe");
  EXPECT_EQ(m->input.attachments[0].bytes, 12u);  // decoded from base64
  EXPECT_TRUE(m->input.attachments[0].risky);
  EXPECT_TRUE(m->input.attachments[1].risky);  // an archive, named in Content-Type
  EXPECT_FALSE(m->input.attachments[2].risky);
  int risky = 0;
  for (const auto& f : m->findings) {
    if (f.flag != "risky_attachment") continue;
    ++risky;
    std::string quoted = m->headers.substr(f.evidence.start, f.evidence.end - f.evidence.start);
    EXPECT_TRUE(quoted.find("invoice.pdf.exe") != std::string::npos ||
                quoted.find("docs.zip") != std::string::npos)
        << quoted;
  }
  EXPECT_EQ(risky, 2);
  EXPECT_EQ(m->text, "See the file.");
}

TEST(Email, AuthenticationResultsFailures) {
  std::string h =
      "Authentication-Results: mx.google.com (comment; with dmarc=fail inside);\n"
      "       dkim=pass header.i=@x.com; spf=softfail (google.com: domain of transitioning x@y.com) "
      "smtp.mailfrom=y.com;\n       dmarc=fail (p=REJECT sp=REJECT dis=NONE) header.from=x.com";
  std::vector<AuthFailure> f = FindAuthFailures(h);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].method, "spf");
  EXPECT_EQ(f[0].result, "softfail");
  EXPECT_EQ(h.substr(f[0].start, f[0].end - f[0].start), "spf=softfail");
  EXPECT_EQ(f[1].method, "dmarc");
  EXPECT_EQ(h.substr(f[1].start, f[1].end - f[1].start), "dmarc=fail");
  EXPECT_TRUE(FindAuthFailures("Authentication-Results: mx; spf=pass; dkim=neutral; dmarc=none").empty());
  EXPECT_TRUE(FindAuthFailures("Authentication-Results: mx; none").empty());
  EXPECT_TRUE(FindAuthFailures("garbage without colon").empty());
}

TEST(HtmlText, BlocksBecomeLinesAndHiddenTextStaysHidden) {
  HtmlText t = HtmlToText(
      "<html><head><style>.x{}</style><script>var a='<p>';</script></head><body>"
      "<p>Hello   <b>you</b></p><div>Pay&nbsp;now&amp;here</div><br><a "
      "href=\"https://x.org\">https://x.org</a></body>");
  EXPECT_EQ(t.text, "Hello you\nPay\u00a0now&here\nhttps://x.org");
  ASSERT_EQ(t.links.size(), 1u);
  EXPECT_EQ(t.links[0].href_start, t.links[0].href_end);  // the words are the link: not repeated
}

TEST(HtmlText, NestingDepthIsEstimatedBeforeParsing) {
  EXPECT_EQ(HtmlNestingDepth("<div><p>a<p>b<br><img src=x><span>c</span></div>", 100), 2u);
  EXPECT_EQ(HtmlNestingDepth("<div></i></div><div><b/></div>", 100), 1u);  // a stray end tag closes nothing
  EXPECT_EQ(HtmlNestingDepth("<!-- <div><div> --><script>'<div>'</script><b>", 100), 1u);
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<b></i>";
  EXPECT_GT(HtmlNestingDepth(deep, 1000), 1000u);
  std::string nested;
  for (int i = 0; i < 1000; ++i) nested += "<span>";
  EXPECT_EQ(HtmlToText(nested + "deep").text, "deep");
}

TEST(Email, DeeplyNestedHtmlIsRefused) {
  std::string html;
  for (int i = 0; i < 100000; ++i) html += "<b>";
  auto m = ParseEmail(Mail("From: a@example.com\nContent-Type: text/html\n", html + "hello"));
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), StatusCode::kTooLarge);
  EXPECT_THAT(m.status().message(), HasSubstr("HTML nests elements more than 1000 deep"));
}

TEST(Email, BadInputIsExplained) {
  auto not_mail = ParseEmail("just some words\nwithout any header\n");
  ASSERT_FALSE(not_mail.ok());
  EXPECT_THAT(not_mail.status().message(), HasSubstr("not an email"));

  auto empty = ParseEmail("");
  ASSERT_FALSE(empty.ok());

  EmailLimits small;
  small.max_bytes = 100;
  auto big = ParseEmail(std::string(200, 'a'), small);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().code(), StatusCode::kTooLarge);
  EXPECT_THAT(big.status().message(), HasSubstr("over the limit of 100"));

  std::string many = "From: a@b.com\nContent-Type: multipart/mixed; boundary=b\n\n";
  for (int i = 0; i < 50; ++i) many += "--b\nContent-Type: text/plain\n\nx\n";
  many += "--b--\n";
  EmailLimits few;
  few.max_parts = 10;
  auto parts = ParseEmail(many, few);
  ASSERT_FALSE(parts.ok());
  EXPECT_THAT(parts.status().message(), HasSubstr("more than 10 MIME parts"));

  auto unclosed =
      ParseEmail(Mail("From: a@b.com\nContent-Type: multipart/mixed; boundary=zz\n", "no parts here\n"));
  ASSERT_FALSE(unclosed.ok());
  EXPECT_THAT(
      unclosed.status().message(),
      HasSubstr("broken MIME at byte 14: a multipart part has no parts (its boundary 'zz' never appears)"));
}

TEST(Email, EightBitHeadersBecomeValidUtf8) {
  auto m = ParseEmail(Mail("From: Caf\xe9 <a@b.com>\nX-Junk: \xff\xfe\x01\n"));
  ASSERT_OK(m);
  EXPECT_TRUE(testing::BuiltInAnalyzer().Analyze(*m).ok());
  EXPECT_EQ(m->headers.find('\xff'), std::string::npos);
}

TEST(Email, AnalyzerChecksFindings) {
  Message m;
  m.text = "hello";
  m.headers = "Reply-To: x@y.com";
  m.findings.push_back({"header_mismatch", 0.9, {Field::kHeaders, 0, 17, "", "note"}});
  auto ok = testing::BuiltInAnalyzer().Analyze(m);
  ASSERT_OK(ok);
  ASSERT_THAT(testing::FlagIds(*ok), Contains("header_mismatch"));
  m.findings[0].evidence.end = 18;  // past the field
  auto outside = testing::BuiltInAnalyzer().Analyze(m);
  ASSERT_FALSE(outside.ok());
  EXPECT_THAT(outside.status().message(), HasSubstr("outside the headers field"));
  m.findings[0] = {"no_such_flag", 1, {Field::kText, 0, 5, "", ""}};
  auto unknown = testing::BuiltInAnalyzer().Analyze(m);
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(unknown.status().message(), HasSubstr("unknown red flag 'no_such_flag'"));
}

TEST(Email, LooksLikeEmail) {
  EXPECT_TRUE(LooksLikeEmail(Slurp(kDir + "whatsapp_helpdesk.eml")));
  EXPECT_TRUE(LooksLikeEmail("From: a@b.com\nSubject: hi\n\nbody"));
  EXPECT_FALSE(LooksLikeEmail("Subject: hi\n\nbody"));  // one telling header is not enough
  EXPECT_FALSE(LooksLikeEmail("Hi mum: this is my new number\nFrom: me\n"));
  EXPECT_FALSE(LooksLikeEmail("\x89PNG\r\n\x1a\n"));
}

TEST(EmailCli, CheckReadsAnEmailFile) {
  std::string out, err;
  ASSERT_EQ(testing::RunCli("check --format json --file " + kDir + "whatsapp_helpdesk.eml", "", &out, &err),
            0)
      << err;
  auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["verdict"], "scam");
  EXPECT_EQ(j["channel"], "email");
  EXPECT_EQ(j["input"]["format"], "eml");
  bool auth = false;
  for (const auto& f : j["red_flags"])
    if (f["id"] == "auth_failed") auth = f["evidence"][0]["field"] == "headers";
  EXPECT_TRUE(auth) << out;
  // Detected from the content on standard input too.
  ASSERT_EQ(testing::RunCli("check --format json", Slurp(kDir + "attachment_apk.eml"), &out, &err), 0) << err;
  EXPECT_EQ(nlohmann::json::parse(out)["input"]["attachments"][0]["risky"], true);
}

TEST(EmailCli, BrokenEmailIsExplained) {
  std::string err;
  EXPECT_EQ(testing::RunCli("check --file " + kDir + "broken_mime.eml", "", nullptr, &err), 3);
  EXPECT_THAT(err, HasSubstr("broken_mime.eml: broken MIME at byte 88"));
  EXPECT_EQ(testing::RunCli("check --input eml", "hello there", nullptr, &err), 3);
  EXPECT_THAT(err, HasSubstr("standard input: not an email"));
}

}  // namespace
}  // namespace redflag
