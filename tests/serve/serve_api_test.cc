// The HTTP API against a real server on a free loopback port: every endpoint,
// every error status and the limits.
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "report/report_json.h"
#include "serve/serve_test_support.h"
#include "test_support.h"

namespace redflag::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using nlohmann::json;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string HelpdeskEmail() { return ReadFile(std::string(REDFLAG_SOURCE_DIR) + "/examples/fake-whatsapp-helpdesk.txt"); }

// The error body's code and field; fails the test when it is not the API's error shape.
json ErrorOf(const httplib::Result& r) {
  json body = json::parse(r->body, nullptr, false);
  EXPECT_TRUE(body.contains("error")) << r->body;
  if (!body.contains("error")) return json::object();
  EXPECT_TRUE(body["error"]["message"].is_string() && !body["error"]["message"].get<std::string>().empty());
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
  return body["error"];
}

class ServeApiTest : public ::testing::Test {
 protected:
  static serve::ServeOptions Options() {
    serve::ServeOptions o;
    o.max_body = 8192;
    o.rate = 0;  // the rate limit has its own test
    o.flush_interval = std::chrono::milliseconds(50);
    return o;
  }
  TestServer server_{Options()};
};

TEST_F(ServeApiTest, HealthzAnswersOk) {
  auto r = server_.Get("/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(json::parse(r->body)["status"], "ok");
}

TEST_F(ServeApiTest, CheckReturnsExactlyTheCliReport) {
  json request = {{"text", HelpdeskEmail()}, {"channel", "email"}, {"country", "GB"}, {"lang", "en"}};
  auto r = server_.PostJson("/v1/check", request.dump());
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  Message m{.text = HelpdeskEmail(), .channel = Channel::kEmail, .country = "GB", .lang = "en"};
  auto expected = BuiltInAnalyzer().Analyze(m);
  ASSERT_OK(expected);
  EXPECT_EQ(r->body, ReportJson(*expected));
  json report = json::parse(r->body);
  EXPECT_EQ(report["schema"], "redflag.report/1");
  EXPECT_EQ(report["verdict"], "scam");
  bool lookalike = false;
  for (const auto& f : report["red_flags"]) lookalike |= f["id"] == "lookalike_contact";
  EXPECT_TRUE(lookalike) << r->body;
}

TEST_F(ServeApiTest, CheckExplainsInTheAskedLanguage) {
  json request = {{"text", "I sent you a code by mistake, please send it back"}, {"channel", "whatsapp"},
                  {"lang", "fr"}};
  auto r = server_.PostJson("/v1/check", request.dump());
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(json::parse(r->body)["ui_language"], "fr");
}

TEST_F(ServeApiTest, CheckReadsAnUploadedChatExportAsAConversation) {
  std::string chat =
      "12/03/2024, 10:01 - Sana: Hi! How are you?\n"
      "12/03/2024, 10:05 - Sana: I sent you a 6-digit code by mistake, can you send it to me? It's urgent\n";
  httplib::MultipartFormDataItems items = {{"file", chat, "WhatsApp Chat with Sana.txt", "text/plain"},
                                           {"country", "PK", "", ""}};
  auto r = server_.Client().Post("/v1/check", items);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json report = json::parse(r->body);
  EXPECT_EQ(report["schema"], "redflag.conversation/1");
  EXPECT_EQ(report["verdict"], "scam") << r->body;
  EXPECT_EQ(report["messages"].size(), 2u);
}

TEST_F(ServeApiTest, CheckReadsAnUploadedEmail) {
  std::string eml =
      "From: WhatsApp Security <security@whatsapp-support-team.com>\r\nSubject: Account review\r\n\r\n" +
      HelpdeskEmail();
  auto r = server_.Client().Post("/v1/check", httplib::MultipartFormDataItems{{"file", eml, "notice.eml", ""}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json report = json::parse(r->body);
  EXPECT_EQ(report["schema"], "redflag.report/1");
  EXPECT_EQ(report["input"]["format"], "eml");
  EXPECT_EQ(report["verdict"], "scam");
}

TEST_F(ServeApiTest, AnUploadWithoutAFileOrWithABadOneIs422) {
  auto r = server_.Client().Post("/v1/check", httplib::MultipartFormDataItems{{"text", "hello", "", ""}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(ErrorOf(r)["field"], "file");
  r = server_.Client().Post("/v1/check", httplib::MultipartFormDataItems{{"file", "not a picture", "shot.png", ""},
                                                                          {"input", "image", "", ""}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422) << r->body;
  EXPECT_THAT(ErrorOf(r)["message"].get<std::string>(), HasSubstr("shot.png"));
  r = server_.Client().Post("/v1/check", httplib::MultipartFormDataItems{{"file", "hi", "a.txt", ""},
                                                                          {"input", "fax", "", ""}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  EXPECT_EQ(ErrorOf(r)["field"], "input");
}

TEST_F(ServeApiTest, EveryAnswerCarriesSecurityHeaders) {
  for (const char* path : {"/", "/healthz", "/v1/brands"}) {
    auto r = server_.Get(path);
    ASSERT_TRUE(r);
    EXPECT_THAT(r->get_header_value("Content-Security-Policy"), HasSubstr("default-src 'none'")) << path;
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY") << path;
  }
}

TEST_F(ServeApiTest, InvalidJsonIs400WithTheOffset) {
  auto r = server_.PostJson("/v1/check", R"({"text": "hello",)");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  json e = ErrorOf(r);
  EXPECT_EQ(e["code"], "invalid_json");
  EXPECT_THAT(e["message"].get<std::string>(), HasSubstr("at byte"));
}

TEST_F(ServeApiTest, WrongContentTypeIs415) {
  auto r = server_.Client().Post("/v1/check", R"({"text":"hi"})", "text/plain");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 415);
  EXPECT_EQ(ErrorOf(r)["code"], "unsupported_media_type");
}

TEST_F(ServeApiTest, BodyOverTheLimitIs413) {
  json request = {{"text", std::string(9000, 'a')}};
  auto r = server_.PostJson("/v1/check", request.dump());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(ErrorOf(r)["code"], "body_too_large");
}

TEST_F(ServeApiTest, BadFieldsAre422NamingTheField) {
  struct Case {
    std::string body, field;
  } cases[] = {
      {R"({"text": "hello", "channel": "fax"})", "channel"},
      {R"({"text": ""})", "text"},
      {R"({"channel": "sms"})", "text"},
      {R"({"text": 42})", "text"},
      {R"({"text": "hello", "country": "Pakistan"})", "country"},
      {R"({"text": "hello", "lang": "english!"})", "lang"},
      {R"({"text": "hello", "chanel": "sms"})", "chanel"},
      {"{\"text\": \"caf\xC3\"}", "text"},
  };
  for (const auto& c : cases) {
    auto r = server_.PostJson("/v1/check", c.body);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 422) << c.body;
    json e = ErrorOf(r);
    EXPECT_EQ(e["code"], "invalid_field") << c.body;
    EXPECT_EQ(e["field"], c.field) << c.body;
  }
  auto r = server_.PostJson("/v1/check", "[1, 2]");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
}

TEST_F(ServeApiTest, VerifyFindsALookalike) {
  auto r = server_.PostJson("/v1/verify", R"({"value": "https://whatsapp-business-verify.com/login"})");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json v = json::parse(r->body);
  EXPECT_EQ(v["verdict"], "lookalike");
  EXPECT_EQ(v["brand"], "whatsapp_business");  // its name, not only its domain, is in the link
}

TEST_F(ServeApiTest, VerifyRefusesBadFields) {
  for (auto [body, field] : {std::pair{R"({"value": ""})", "value"}, {R"({"value": "x.com", "kind": "fax"})", "kind"},
                             {R"({"value": "@x", "platform": "myspace"})", "platform"}}) {
    auto r = server_.PostJson("/v1/verify", body);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 422) << body;
    EXPECT_EQ(ErrorOf(r)["field"], field) << body;
  }
}

TEST_F(ServeApiTest, BrandsListAndOneBrand) {
  auto list = server_.Get("/v1/brands");
  ASSERT_TRUE(list);
  ASSERT_EQ(list->status, 200);
  json brands = json::parse(list->body);
  bool whatsapp = false;
  for (const auto& b : brands["brands"]) whatsapp |= b["id"] == "whatsapp";
  EXPECT_TRUE(whatsapp);

  auto one = server_.Get("/v1/brands/whatsapp");
  ASSERT_TRUE(one);
  ASSERT_EQ(one->status, 200);
  json brand = json::parse(one->body);
  EXPECT_EQ(brand["name"], "WhatsApp");
  EXPECT_FALSE(brand["last_reviewed"].get<std::string>().empty());

  auto facts = server_.Get("/v1/brands/whatsapp?channel=email");
  ASSERT_TRUE(facts);
  ASSERT_EQ(facts->status, 200);
  EXPECT_EQ(json::parse(facts->body)["channel"], "email");
}

TEST_F(ServeApiTest, UnknownBrandScamOrPathIs404) {
  for (const char* path : {"/v1/brands/no-such-brand", "/v1/scams/no-such-scam", "/no/such/page", "/v1/nothing"}) {
    auto r = server_.Get(path);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404) << path;
    EXPECT_EQ(ErrorOf(r)["code"], "not_found") << path;
  }
}

TEST_F(ServeApiTest, AKnownPathWithAnotherMethodIs405) {
  auto r = server_.Get("/v1/check");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(ErrorOf(r)["code"], "method_not_allowed");
}

TEST_F(ServeApiTest, ThePageMayBeCachedButTheApiNot) {
  auto page = server_.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->get_header_value_count("Cache-Control"), 1u);
  EXPECT_EQ(page->get_header_value("Cache-Control"), "no-cache");
  auto api = server_.Get("/v1/brands");
  ASSERT_TRUE(api);
  EXPECT_EQ(api->get_header_value("Cache-Control"), "no-store");
}

TEST_F(ServeApiTest, ScamsListAndOneScamInALanguage) {
  auto list = server_.Get("/v1/scams?lang=fr");
  ASSERT_TRUE(list);
  ASSERT_EQ(list->status, 200);
  json scams = json::parse(list->body)["scams"];
  ASSERT_FALSE(scams.empty());
  std::string id = scams[0]["id"];
  auto one = server_.Get("/v1/scams/" + id + "?lang=it");
  ASSERT_TRUE(one);
  ASSERT_EQ(one->status, 200);
  json scam = json::parse(one->body);
  EXPECT_EQ(scam["id"], id);
  EXPECT_FALSE(scam["how_it_works"].empty());
  auto bad = server_.Get("/v1/scams?lang=xx-YY-zz");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_EQ(ErrorOf(bad)["field"], "lang");
}

TEST_F(ServeApiTest, CountriesCarryWhereToReport) {
  auto r = server_.Get("/v1/countries");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  EXPECT_FALSE(json::parse(r->body)["countries"].empty());
}

// Every value in one table, as text.
std::string DumpTable(const std::string& db_path, const std::string& table) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  std::string out;
  sqlite3_exec(
      db, ("SELECT * FROM " + table).c_str(),
      [](void* p, int n, char** values, char**) {
        for (int i = 0; i < n; ++i) *static_cast<std::string*>(p) += (values[i] ? values[i] : "NULL") + std::string("|");
        *static_cast<std::string*>(p) += "\n";
        return 0;
      },
      &out, nullptr);
  sqlite3_close(db);
  return out;
}

TEST_F(ServeApiTest, ReportsKeepTextOnlyWithConsent) {
  auto without = server_.PostJson(
      "/v1/reports", R"({"contacts": [{"kind": "url", "value": "https://whatsapp-business-verify.com/login"}],
                         "channel": "email", "country": "GB"})");
  ASSERT_TRUE(without);
  ASSERT_EQ(without->status, 201) << without->body;
  EXPECT_EQ(json::parse(without->body)["stored_text"], false);

  auto refused = server_.PostJson(
      "/v1/reports", R"({"contacts": [{"kind": "phone", "value": "+447700900123"}], "text": "marker-no-consent"})");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422);
  EXPECT_EQ(ErrorOf(refused)["field"], "consent");

  auto with = server_.PostJson("/v1/reports", R"({"contacts": [{"kind": "phone", "value": "+447700900123"}],
                                                 "consent": true, "text": "marker-with-consent"})");
  ASSERT_TRUE(with);
  ASSERT_EQ(with->status, 201) << with->body;
  EXPECT_EQ(json::parse(with->body)["stored_text"], true);

  std::string reports = DumpTable(server_.db_path(), "user_reports");
  EXPECT_THAT(reports, HasSubstr("marker-with-consent"));
  EXPECT_THAT(reports, Not(HasSubstr("marker-no-consent")));
  EXPECT_THAT(DumpTable(server_.db_path(), "user_report_contacts"), HasSubstr("whatsapp-business-verify.com"));
}

TEST_F(ServeApiTest, ReportsRefuseBadFields) {
  for (auto [body, field] :
       {std::pair{R"({"contacts": []})", "contacts"},
        {R"({"contacts": [{"kind": "fax", "value": "1"}]})", "contacts[0].kind"},
        {R"({"contacts": [{"kind": "url", "value": ""}]})", "contacts[0].value"},
        {R"({"contacts": [{"kind": "url", "value": "x.com"}], "scam": "no_such_scam"})", "scam"},
        {R"({"contacts": [{"kind": "url", "value": "x.com"}], "consent": "yes"})", "consent"}}) {
    auto r = server_.PostJson("/v1/reports", body);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 422) << body;
    EXPECT_EQ(ErrorOf(r)["field"], field) << body;
  }
}

TEST_F(ServeApiTest, StatsCountPatternsAndFlagsNeverText) {
  const std::string marker = "zebra-quartz-marker";
  json request = {{"text", HelpdeskEmail() + "\n" + marker}, {"channel", "email"}};
  for (int i = 0; i < 2; ++i) ASSERT_EQ(server_.PostJson("/v1/check", request.dump())->status, 200);
  auto r = server_.Get("/v1/stats?days=7");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json stats = json::parse(r->body);
  EXPECT_EQ(stats["checks"], 2);
  EXPECT_EQ(stats["red_flags"]["lookalike_contact"], 2);
  EXPECT_EQ(stats["scams"]["whatsapp_business_compliance_phishing"], 2);
  ASSERT_EQ(stats["by_day"].size(), 1u);
  EXPECT_EQ(stats["by_day"][0]["verdicts"]["scam"], 2);
  EXPECT_THAT(r->body, Not(HasSubstr(marker)));
  EXPECT_THAT(DumpTable(server_.db_path(), "daily_counts"), Not(HasSubstr(marker)));
  EXPECT_THAT(ReadFile(server_.db_path()), Not(HasSubstr(marker)));
  EXPECT_THAT(ReadFile(server_.db_path() + "-wal"), Not(HasSubstr(marker)));
  std::string log = server_.StopAndLog();
  EXPECT_THAT(log, HasSubstr("POST /v1/check 200"));
  EXPECT_THAT(log, Not(HasSubstr(marker)));
  EXPECT_THAT(log, Not(HasSubstr("127.0.0.1")));  // the client is redacted to its network
}

TEST_F(ServeApiTest, StatsRefuseABadRange) {
  for (const char* query : {"days=0", "days=400", "days=abc"}) {
    auto r = server_.Get(std::string("/v1/stats?") + query);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 422) << query;
    EXPECT_EQ(ErrorOf(r)["field"], "days");
  }
}

TEST_F(ServeApiTest, MetricsInPrometheusFormat) {
  ASSERT_EQ(server_.PostJson("/v1/check", R"({"text": "hello, lunch tomorrow?"})")->status, 200);
  ASSERT_EQ(server_.Get("/v1/brands/no-such-brand")->status, 404);
  auto r = server_.Get("/metrics");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  EXPECT_THAT(r->get_header_value("Content-Type"), HasSubstr("text/plain"));
  EXPECT_THAT(r->body, HasSubstr("# TYPE redflag_http_requests_total counter"));
  EXPECT_THAT(r->body, HasSubstr(R"(redflag_http_requests_total{route="POST /v1/check",status="200"} 1)"));
  EXPECT_THAT(r->body, HasSubstr(R"(redflag_http_requests_total{route="GET /v1/brands/{id}",status="404"} 1)"));
  EXPECT_THAT(r->body, HasSubstr(R"(redflag_checks_total{verdict="no_red_flags"} 1)"));
  EXPECT_THAT(r->body, HasSubstr("redflag_http_request_duration_seconds_bucket"));
}

TEST_F(ServeApiTest, OpenApiDocumentsEveryEndpointAndResolves) {
  auto r = server_.Get("/openapi.json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  json doc = json::parse(r->body);
  EXPECT_EQ(doc["openapi"], "3.1.0");
  for (const char* path : {"/v1/check", "/v1/verify", "/v1/brands", "/v1/brands/{id}", "/v1/scams", "/v1/scams/{id}",
                           "/v1/reports", "/v1/stats", "/v1/countries", "/healthz", "/metrics", "/openapi.json"})
    EXPECT_TRUE(doc["paths"].contains(path)) << path;
  // Every $ref points at something in the document.
  std::function<void(const json&)> walk = [&](const json& node) {
    if (node.is_object()) {
      for (const auto& [key, value] : node.items()) {
        if (key == "$ref") {
          std::string ref = value;
          ASSERT_EQ(ref.rfind("#/", 0), 0u) << ref;
          EXPECT_TRUE(doc.contains(json::json_pointer(ref.substr(1)))) << ref;
        } else {
          walk(value);
        }
      }
    } else if (node.is_array()) {
      for (const auto& item : node) walk(item);
    }
  };
  walk(doc);
}

TEST_F(ServeApiTest, ThePageAndItsFilesAreServed) {
  auto page = server_.Get("/");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  EXPECT_THAT(page->get_header_value("Content-Type"), HasSubstr("text/html"));
  EXPECT_THAT(page->body, HasSubstr("<html"));
  for (const char* path : {"/app.js", "/app.css", "/i18n/en.json", "/i18n/ur.json", "/i18n/fr.json", "/i18n/it.json"}) {
    auto r = server_.Get(path);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << path;
  }
}

TEST_F(ServeApiTest, AStoreThatCannotWriteIs500) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(server_.db_path().c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
  auto r = server_.PostJson("/v1/reports", R"({"contacts": [{"kind": "url", "value": "x.com"}]})");
  sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(ErrorOf(r)["code"], "internal");
}

TEST(ServeLimitsTest, RateLimitPerClientIs429WithRetryAfter) {
  serve::ServeOptions o;
  o.rate = 0.5;
  o.burst = 3;
  TestServer server(o);
  for (int i = 0; i < 3; ++i) ASSERT_EQ(server.Get("/v1/brands")->status, 200) << i;
  auto r = server.Get("/v1/brands");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 429);
  EXPECT_EQ(ErrorOf(r)["code"], "rate_limited");
  EXPECT_EQ(r->get_header_value("Retry-After"), "2");
  EXPECT_EQ(server.Get("/healthz")->status, 200);  // health checks are not limited
}

TEST(ServeLimitsTest, NoRoomForAnotherAnalysisIs503AtOnce) {
  serve::ServeOptions o;
  o.max_concurrent = 0;  // every analysis finds the gate full
  TestServer server(o);
  auto r = server.PostJson("/v1/check", R"({"text": "hello"})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
  EXPECT_EQ(ErrorOf(r)["code"], "busy");
  EXPECT_EQ(r->get_header_value("Retry-After"), "1");
}

TEST(ServeLimitsTest, ASlowClientIsCutOffAfterTheTimeout) {
  serve::ServeOptions o;
  o.timeout = std::chrono::seconds(1);
  TestServer server(o);
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(server.port()));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  std::string partial = "POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        "Content-Length: 100\r\n\r\n{\"text\":";
  ASSERT_EQ(send(fd, partial.data(), partial.size(), 0), static_cast<ssize_t>(partial.size()));
  timeval wait{.tv_sec = 10, .tv_usec = 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof(wait));
  auto start = std::chrono::steady_clock::now();
  char buffer[4096];
  ssize_t n;
  while ((n = recv(fd, buffer, sizeof(buffer), 0)) > 0) {
  }
  double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  close(fd);
  EXPECT_EQ(n, 0) << "the server should close the connection, not leave it hanging";
  EXPECT_LT(waited, 8.0);
}

}  // namespace
}  // namespace redflag::testing
