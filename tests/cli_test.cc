// The command line, run as a user runs it: exit codes, formats, bad input.
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <nlohmann/json.hpp>
#include <sstream>

#include "test_support.h"

namespace redflag {
namespace {

using testing::RunCli;
using ::testing::HasSubstr;

std::vector<nlohmann::json> JsonLines(const std::string& out) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

TEST(Cli, CheckSpeaksPlainly) {
  std::string out, err;
  int code = RunCli("check --channel whatsapp \"I sent you a code by mistake, send it back now please\"", "", &out, &err);
  EXPECT_EQ(code, 0) << err;
  EXPECT_THAT(out, HasSubstr("This is a scam."));
  EXPECT_THAT(out, HasSubstr("\u00ab"));  // evidence marked in the message (no terminal: no colour)
}

// A message with no red flags still lists where to report, but as help for a
// reader with doubts, not as "Where to report it" (a genuine code notice is no scam).
TEST(Cli, NoRedFlagsDoesNotCallTheMessageAScamToReport) {
  std::string out, err;
  ASSERT_EQ(RunCli("check --channel sms", "Your WhatsApp code: 123-456. Don't share it", &out, &err), 0)
      << err;
  EXPECT_THAT(out, HasSubstr("We found no red flags."));
  EXPECT_THAT(out, HasSubstr("If you still think it is a scam, report it here"));
  EXPECT_THAT(out, ::testing::Not(HasSubstr("Where to report it")));
  ASSERT_EQ(RunCli("check --channel whatsapp \"I sent you a code by mistake, send it back now please\"", "",
                   &out, &err),
            0)
      << err;
  EXPECT_THAT(out, HasSubstr("Where to report it"));
  EXPECT_THAT(out, ::testing::Not(HasSubstr("If you still think")));
}

// A matched scam's advice for after the fact comes by stage, each under its own line, in the order given.
TEST(Cli, RecoveryAdviceIsGroupedByStage) {
  std::string out, err;
  ASSERT_EQ(RunCli("check --channel sms \"USPS: the package could not be delivered due to incomplete address "
                   "information. Please confirm your address at https://usps-redelivery.example-post.top/x\"",
                   "", &out, &err),
            0)
      << err;
  size_t recover = out.find("If you already replied, shared a code or paid");
  ASSERT_NE(recover, std::string::npos) << out;
  size_t code = out.find("\n If you shared a code or password\n   - ", recover);
  size_t paid = out.find("\n If you paid\n   - ", recover);
  size_t replied = out.find("\n If you replied or opened the link\n   - ", recover);
  EXPECT_NE(code, std::string::npos) << out;
  EXPECT_NE(paid, std::string::npos) << out;
  EXPECT_NE(replied, std::string::npos) << out;
  EXPECT_LT(code, paid);
  EXPECT_EQ(out.find("\n If you paid\n", paid + 1), std::string::npos) << "a stage is named once: " << out;
}

// Flags below the threshold are listed as weak signs, under a summary that says so: never "no red flags"
// above a list of them.
TEST(Cli, WeakSignsAreCalledWeakSigns) {
  const std::string weak = "\"Join our group, contact our mentor on Telegram\"";
  std::string out, err;
  ASSERT_EQ(RunCli("check --channel whatsapp --format json " + weak, "", &out, &err), 0) << err;
  auto j = nlohmann::json::parse(out);
  ASSERT_EQ(j["verdict"], "no_red_flags") << out;
  ASSERT_FALSE(j["red_flags"].empty()) << out;
  EXPECT_EQ(j["summary"],
            "We found only weak signs, not enough to call it a scam. That does not prove it is safe.");
  ASSERT_EQ(RunCli("check --channel whatsapp " + weak, "", &out, &err), 0) << err;
  EXPECT_THAT(out, HasSubstr("Weak signs we noticed"));
  EXPECT_THAT(out, ::testing::Not(HasSubstr("Why we think so")));
  EXPECT_THAT(out, ::testing::Not(HasSubstr("We found no red flags")));
  ASSERT_EQ(RunCli("check --channel sms \"see you at lunch\"", "", &out, &err), 0) << err;
  EXPECT_THAT(out, HasSubstr("We found no red flags."));
}

TEST(Cli, CheckJsonFromStandardInput) {
  std::string out, err;
  ASSERT_EQ(RunCli("check --format json --channel sms", "Your WhatsApp code: 123-456. Don't share it", &out, &err), 0) << err;
  auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["schema"], "redflag.report/1");
  EXPECT_EQ(j["verdict"], "no_red_flags");
  EXPECT_TRUE(j["advice"]["protect"].is_array());
  // "check -" reads standard input too, not a message of one dash.
  ASSERT_EQ(
      RunCli("check --format json -", "I sent you a code by mistake, send it back, it is urgent", &out, &err),
      0)
      << err;
  EXPECT_EQ(nlohmann::json::parse(out)["verdict"], "scam");
}

TEST(Cli, FailOnGivesExitCodeOne) {
  EXPECT_EQ(RunCli("check --fail-on scam \"I sent you a code by mistake, send it back, it is urgent\"", "", nullptr, nullptr), 1);
  EXPECT_EQ(RunCli("check --fail-on scam \"see you at lunch\"", "", nullptr, nullptr), 0);
}

TEST(Cli, BadInputIsExplained) {
  std::string err;
  EXPECT_EQ(RunCli("check", "", nullptr, &err), 3);
  EXPECT_THAT(err, HasSubstr("the message is empty"));
  EXPECT_EQ(RunCli("check", "abc\xff", nullptr, &err), 3);
  EXPECT_THAT(err, HasSubstr("invalid UTF-8 at byte 3"));
  EXPECT_EQ(RunCli("check --max-bytes 10", "this message is longer than ten bytes", nullptr, &err), 3);
  EXPECT_THAT(err, HasSubstr("over the limit of 10 bytes"));
  EXPECT_EQ(RunCli("check --file /no/such/file", "", nullptr, &err), 3);
  EXPECT_THAT(err, HasSubstr("/no/such/file: no such file"));
  // A folder opens as a stream that reads nothing; it used to be taken for an empty message.
  const std::string folder = ::testing::TempDir();
  EXPECT_EQ(RunCli("check --file " + folder, "", nullptr, &err), 3);
  EXPECT_THAT(err, HasSubstr("is a folder, not a file"));
  EXPECT_EQ(RunCli("scan " + folder, "", nullptr, &err), 3);
  EXPECT_THAT(err, HasSubstr("is a folder, not a file"));
  EXPECT_EQ(RunCli("check --kb /no/such/dir hello", "", nullptr, &err), 4);
  EXPECT_EQ(RunCli("check --channel pigeon hello", "", nullptr, &err), 2);
  EXPECT_EQ(RunCli("frobnicate", "", nullptr, &err), 2);
}

TEST(Cli, ScanKeepsOrderAndReportsBadLines) {
  std::string input =
      "{\"id\": \"a\", \"text\": \"I sent you a code by mistake, send it back now\", \"channel\": "
      "\"whatsapp\"}\n"
      "this is not json\n"
      "\n"
      "{\"id\": 7, \"channel\": \"sms\"}\n"
      "{\"id\": \"d\", \"text\": \"bad \\udc00 surrogate?\"}\n"
      "{\"id\": \"e\", \"text\": \"see you at 5\", \"channel\": \"pigeon\"}\n"
      "{\"id\": \"f\", \"text\": \"see you at 5\"}\n"
      "{\"id\": \"g\", \"text\": 5}\n";
  std::string out, err;
  ASSERT_EQ(RunCli("scan -", input, &out, &err), 0) << err;
  auto lines = JsonLines(out);
  ASSERT_EQ(lines.size(), 7u);  // the blank line is skipped; nothing else is lost
  EXPECT_EQ(lines[0]["id"], "a");
  EXPECT_EQ(lines[0]["verdict"], "scam");
  EXPECT_EQ(lines[1]["line"], 2);
  EXPECT_THAT(lines[1]["error"]["message"].get<std::string>(), HasSubstr("line 2: invalid JSON"));
  EXPECT_THAT(lines[2]["error"]["message"].get<std::string>(), HasSubstr("line 4: missing 'text'"));
  // A lone surrogate is no character: the error says so, not that the text is missing or no string.
  EXPECT_THAT(lines[3]["error"]["message"].get<std::string>(),
              HasSubstr("line 5: invalid JSON string in 'text'"));
  EXPECT_THAT(lines[4]["error"]["message"].get<std::string>(), HasSubstr("unknown channel 'pigeon'"));
  EXPECT_EQ(lines[5]["id"], "f");
  EXPECT_EQ(lines[5]["verdict"], "no_red_flags");
  EXPECT_THAT(lines[6]["error"]["message"].get<std::string>(), HasSubstr("line 8: 'text' must be a string"));
  EXPECT_THAT(err, HasSubstr("scanned 7 messages"));
}

// An analyst's pipeline: scan a feed with times, then group its reports into campaigns.
TEST(Cli, CampaignsGroupAScansReports) {
  std::string feed =
      "{\"id\": \"a\", \"time\": \"2026-12-01T08:00:00Z\", \"channel\": \"sms\", \"text\": \"USPS: your "
      "parcel is on "
      "hold. Pay the 1.99 USD redelivery fee today at https://usps-redeliver-fee.top/a1\"}\n"
      "{\"id\": \"b\", \"time\": \"2026-12-02T09:00:00Z\", \"channel\": \"sms\", \"text\": \"USPS: final "
      "notice, pay "
      "the fee at https://usps-redeliver-fee.top/zz9 or call +1 202 555 0143\"}\n"
      "{\"id\": \"c\", \"time\": \"2026-12-02T10:00:00Z\", \"text\": \"see you at 5\"}\n"
      "{\"id\": \"d\"}\n";
  std::string reports, err;
  ASSERT_EQ(RunCli("scan --compact -", feed, &reports, &err), 0) << err;
  EXPECT_EQ(JsonLines(reports)[0]["time"], "2026-12-01T08:00:00Z");  // scan keeps each message's time

  std::string out;
  ASSERT_EQ(RunCli("campaigns --format json -", reports, &out, &err), 0) << err;
  auto summary = nlohmann::json::parse(out);
  EXPECT_EQ(summary["reports"], 3);
  EXPECT_EQ(summary["scan_errors"]["count"], 1);
  ASSERT_EQ(summary["campaigns"].size(), 1u);
  EXPECT_EQ(summary["campaigns"][0]["ids"], nlohmann::json({"a", "b"}));
  EXPECT_EQ(summary["campaigns"][0]["first_seen"], "2026-12-01T08:00:00Z");
  ASSERT_EQ(summary["days"].size(), 2u);
  EXPECT_EQ(summary["days"][1]["messages"], 2);

  // A line that is no report is named, and the exit code says the input was not all read.
  ASSERT_EQ(RunCli("campaigns -", reports + "{oops\n", &out, &err), 3);
  EXPECT_THAT(err, HasSubstr("line 5: invalid JSON"));
  EXPECT_THAT(out, HasSubstr("1 line is no report"));
  EXPECT_THAT(out, HasSubstr("#1  2 messages"));
  EXPECT_EQ(RunCli("campaigns /no/such/reports.jsonl", "", &out, &err), 3);
  EXPECT_THAT(err, HasSubstr("no such file"));
}

// A feed of reported scams holds no genuine message to show that bit.ly is anyone's: the knowledge base's
// link shorteners join messages only by the same short link.
TEST(Cli, CampaignsJoinNoMessagesByALinkShortener) {
  std::string feed =
      "{\"id\": \"amazon\", \"text\": \"Your Amazon order is delayed, confirm your card at "
      "https://bit.ly/3AbCdE "
      "within 24 hours or it will be cancelled\"}\n"
      "{\"id\": \"netflix\", \"text\": \"Netflix: your payment failed, update your card details at "
      "https://bit.ly/9XyZw today or lose access\"}\n"
      "{\"id\": \"netflix-again\", \"text\": \"Netflix: your payment failed, update your card details at "
      "https://bit.ly/9XyZw today or your account will be closed\"}\n";
  std::string reports, out, err;
  ASSERT_EQ(RunCli("scan --compact -", feed, &reports, &err), 0) << err;
  ASSERT_EQ(RunCli("campaigns --format json -", reports, &out, &err), 0) << err;
  auto summary = nlohmann::json::parse(out);
  EXPECT_EQ(summary["verdicts"]["no_red_flags"], 0);
  ASSERT_EQ(summary["campaigns"].size(), 1u);
  EXPECT_EQ(summary["campaigns"][0]["ids"], nlohmann::json({"netflix", "netflix-again"}));
  EXPECT_EQ(summary["campaigns"][0]["indicators"][0]["value"], "bit.ly/9XyZw");
}

// `redflag scan -` (or another command that reads a feed) behind a pipe that stays open, as a live
// feed is: writes lines in, reads answers out.
class LiveFeed {
 public:
  explicit LiveFeed(std::vector<const char*> args = {"scan", "--quiet", "--compact", "-"}) {
    int in[2], out[2];
    if (::pipe(in) != 0 || ::pipe(out) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(in[0], 0);
      ::dup2(out[1], 1);
      for (int fd : {in[0], in[1], out[0], out[1]}) ::close(fd);
      ::setenv("REDFLAG_CACHE_DIR", REDFLAG_TEST_CACHE, 1);
      std::vector<char*> argv{const_cast<char*>(REDFLAG_BINARY)};
      for (const char* a : args) argv.push_back(const_cast<char*>(a));
      argv.push_back(nullptr);
      ::execv(REDFLAG_BINARY, argv.data());
      ::_exit(127);
    }
    ::close(in[0]);
    ::close(out[1]);
    to_ = in[1];
    from_ = out[0];
  }
  ~LiveFeed() {
    Close();
    if (from_ >= 0) ::close(from_);
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  bool started() const { return pid_ > 0 && to_ >= 0; }
  void Write(const std::string& line) {
    ASSERT_EQ(::write(to_, line.data(), line.size()), static_cast<ssize_t>(line.size()));
  }
  void Close() {
    if (to_ >= 0) ::close(to_);
    to_ = -1;
  }
  // The next line of output; "" when none comes within `seconds` (a guard against a hang, not a timing).
  std::string ReadLine(int seconds) {
    for (;;) {
      if (size_t end = buffer_.find('\n'); end != std::string::npos) {
        std::string line = buffer_.substr(0, end);
        buffer_.erase(0, end + 1);
        return line;
      }
      pollfd p{from_, POLLIN, 0};
      if (::poll(&p, 1, seconds * 1000) <= 0) return "";
      char chunk[4096];
      ssize_t n = ::read(from_, chunk, sizeof(chunk));
      if (n <= 0) return "";
      buffer_.append(chunk, static_cast<size_t>(n));
    }
  }

 private:
  pid_t pid_ = -1;
  int to_ = -1, from_ = -1;
  std::string buffer_;
};

// A feed that pauses gets each report when its line has come, not after a batch fills or the feed ends.
TEST(Cli, ScanAnswersALiveFeedLineByLine) {
  LiveFeed scan;
  ASSERT_TRUE(scan.started());
  scan.Write("{\"id\": \"first\", \"text\": \"see you at 5\"}\n");
  std::string first = scan.ReadLine(120);
  ASSERT_FALSE(first.empty()) << "no report while the feed stays open";
  EXPECT_EQ(nlohmann::json::parse(first)["id"], "first");
  scan.Write("{\"id\": \"second\", \"text\": \"I sent you a code by mistake, send it back now\"}\n");
  std::string second = scan.ReadLine(120);
  ASSERT_FALSE(second.empty());
  EXPECT_EQ(nlohmann::json::parse(second)["id"], "second");
  EXPECT_EQ(nlohmann::json::parse(second)["verdict"], "scam");
  scan.Close();
  EXPECT_EQ(scan.ReadLine(120), "");  // the end of the feed ends the output
}

// verify --each on a live feed of domains (a certificate log, say) answers each line as it comes.
TEST(Cli, VerifyEachAnswersALiveFeedLineByLine) {
  LiveFeed verify({"verify", "--quiet", "--each", "-"});
  ASSERT_TRUE(verify.started());
  verify.Write("binance-login-verify.top\n");
  std::string first = verify.ReadLine(120);
  ASSERT_FALSE(first.empty()) << "no answer while the feed stays open";
  EXPECT_EQ(nlohmann::json::parse(first)["verdict"], "lookalike");
  verify.Write("paypal.com\n");
  std::string second = verify.ReadLine(120);
  ASSERT_FALSE(second.empty());
  EXPECT_EQ(nlohmann::json::parse(second)["verdict"], "official");
}

// bench runs what scan runs, from memory, and says how fast: the first pass apart, then each message's time.
TEST(Cli, BenchTimesThePipelineAndNamesTheLinesThatFailed) {
  std::string input =
      "{\"id\": 1, \"text\": \"see you at 5\"}\n"
      "{\"id\": 2, \"text\": \"I sent you a code by mistake, send it back now\"}\n"
      "not json\n"
      "\n"
      "{\"id\": 4, \"text\": \"Your parcel is on hold, pay the fee at https://dhl-fee.top/pay\"}\n";
  std::string out, err;
  ASSERT_EQ(RunCli("bench --passes 3 --threads 2 --format json -", input, &out, &err), 0) << err;
  auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["messages"], 4);
  EXPECT_EQ(j["failed_lines"], nlohmann::json::array({3}));
  EXPECT_EQ(j["passes"], 3);
  EXPECT_GT(j["report_bytes"].get<size_t>(), 3 * 200u);  // three reports of some hundred bytes each
  EXPECT_GT(j["first_pass"]["messages_per_second"].get<double>(), 0);
  EXPECT_GT(j["steady"]["messages_per_second"].get<double>(), 0);
  const auto& us = j["steady"]["micros"];
  EXPECT_GT(us["p50"].get<double>(), 0);
  EXPECT_LE(us["p50"].get<double>(), us["p90"].get<double>());
  EXPECT_LE(us["p90"].get<double>(), us["p99"].get<double>());
  EXPECT_LE(us["p99"].get<double>(), us["max"].get<double>());
  ASSERT_EQ(RunCli("bench --passes 2 -", input, &out, &err), 0) << err;
  EXPECT_THAT(out, HasSubstr("4 messages (1 failed on the way, not JSON or refused; lines 3)"));
  EXPECT_THAT(out, HasSubstr("later passes: "));
  EXPECT_EQ(RunCli("bench -", "\n", &out, &err), 3);
  EXPECT_THAT(err, HasSubstr("holds no messages"));
  EXPECT_EQ(RunCli("bench --max-messages 2 -", input, &out, &err), 3);
  EXPECT_THAT(err, HasSubstr("more than 2 messages"));
}

TEST(Cli, ScanWithThreadsGivesTheSameOutput) {
  std::string input;
  for (int i = 0; i < 300; ++i)
    input += "{\"id\": " + std::to_string(i) + ", \"text\": \"" +
             (i % 3 ? std::string("hello friend ") + std::to_string(i) : "send me the otp you got, urgent") + "\"}\n";
  std::string one, four;
  ASSERT_EQ(RunCli("scan --quiet", input, &one, nullptr), 0);
  ASSERT_EQ(RunCli("scan --quiet --threads 4", input, &four, nullptr), 0);
  EXPECT_EQ(one, four);
  EXPECT_EQ(JsonLines(one).size(), 300u);
}

// --compact leaves out what a person reads; what a machine routes on stays the same.
TEST(Cli, ScanCompactKeepsVerdictsFlagsAndEvidence) {
  std::string input =
      "{\"id\": \"a\", \"text\": \"I sent you a code by mistake, send it back now\", \"channel\": "
      "\"whatsapp\"}\n"
      "{\"id\": \"b\", \"text\": \"Your DHL parcel is held: pay the customs fee at "
      "https://dhl-parcel-fee.top/pay\"}\n"
      "{\"id\": \"c\", \"text\": \"see you at 5\"}\n";
  std::string full, compact;
  ASSERT_EQ(RunCli("scan --quiet", input, &full, nullptr), 0);
  ASSERT_EQ(RunCli("scan --quiet --compact", input, &compact, nullptr), 0);
  auto f = JsonLines(full), c = JsonLines(compact);
  ASSERT_EQ(f.size(), 3u);
  ASSERT_EQ(c.size(), 3u);
  for (size_t i = 0; i < f.size(); ++i) {
    for (const char* key : {"id", "verdict", "risk", "language", "scams", "brands"})
      EXPECT_EQ(c[i][key], f[i][key]) << key;
    EXPECT_FALSE(c[i].contains("advice"));
    EXPECT_FALSE(c[i].contains("summary"));
    ASSERT_EQ(c[i]["red_flags"].size(), f[i]["red_flags"].size());
    for (size_t k = 0; k < f[i]["red_flags"].size(); ++k) {
      EXPECT_EQ(c[i]["red_flags"][k]["id"], f[i]["red_flags"][k]["id"]);
      EXPECT_EQ(c[i]["red_flags"][k]["evidence"], f[i]["red_flags"][k]["evidence"]);
      EXPECT_FALSE(c[i]["red_flags"][k].contains("explanation"));
    }
  }
  EXPECT_EQ(c[0]["verdict"], "scam");
  EXPECT_EQ(c[1]["verdict"], "scam");
  EXPECT_LT(compact.size() * 2, full.size());
}

TEST(Cli, VerifyContactAndBrandFacts) {
  std::string out;
  ASSERT_EQ(RunCli("verify https://whatsapp-business-verify.com/login", "", &out, nullptr), 0);
  EXPECT_THAT(out, HasSubstr("lookalike"));
  ASSERT_EQ(RunCli("verify --brand binance --channel whatsapp", "", &out, nullptr), 0);
  EXPECT_THAT(out, HasSubstr("Binance never contacts people by WhatsApp. Anyone who does"));
  ASSERT_EQ(RunCli("verify --brand whatsapp --channel call", "", &out, nullptr), 0);
  EXPECT_THAT(out, HasSubstr("WhatsApp never contacts people by phone call."));
  ASSERT_EQ(RunCli("verify --brand whatsapp --channel call --lang fr", "", &out, nullptr), 0);
  EXPECT_THAT(out, HasSubstr("WhatsApp ne contacte jamais personne par appel téléphonique."));
  EXPECT_THAT(out, HasSubstr("Dernière vérification le 20"));
  ASSERT_EQ(RunCli("verify --format json example.org", "", &out, nullptr), 0);
  EXPECT_EQ(nlohmann::json::parse(out)["verdict"], "unknown");
  EXPECT_FALSE(nlohmann::json::parse(out).contains("short_link")) << out;
  ASSERT_EQ(RunCli("verify --format json https://bit.ly/3xYz12", "", &out, nullptr), 0);
  EXPECT_EQ(nlohmann::json::parse(out)["short_link"], true) << out;
  // A phone link is the number it dials; blank is nothing to verify, not an unknown contact.
  ASSERT_EQ(RunCli("verify --format json tel:8171", "", &out, nullptr), 0);
  EXPECT_EQ(nlohmann::json::parse(out)["kind"], "phone");
  EXPECT_EQ(nlohmann::json::parse(out)["verdict"], "official");
  std::string err;
  EXPECT_EQ(RunCli("verify '   '", "", &out, &err), 3);
  EXPECT_THAT(err, HasSubstr("the contact is blank"));
  EXPECT_EQ(RunCli("verify '+ ( ) -'", "", &out, &err), 3);
  EXPECT_THAT(err, HasSubstr("has no digits"));
}

// A feed of contacts: one JSON line for each, in order; what cannot be read is
// an error line naming its line, never a gap.
TEST(Cli, VerifyEachLineOfAList) {
  std::string input = "whatsapp.com\n\n  https://whatsapp-business-verify.com/login \nnot a domain\n" +
                      std::string(5000, 'a') + ".com\nexample.org\n";
  std::string out, err;
  ASSERT_EQ(RunCli("verify --each -", input, &out, &err), 0) << err;
  std::vector<nlohmann::json> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(lines.size(), 5u) << out;
  EXPECT_EQ(lines[0]["verdict"], "official");
  EXPECT_EQ(lines[0]["line"], 1);
  EXPECT_EQ(lines[1]["verdict"], "lookalike");
  EXPECT_EQ(lines[1]["value"], "https://whatsapp-business-verify.com/login");
  EXPECT_EQ(lines[1]["line"], 3);
  EXPECT_EQ(lines[2]["error"]["code"], "invalid_contact");
  EXPECT_THAT(lines[2]["error"]["message"].get<std::string>(), HasSubstr("line 4: 'not a domain'"));
  EXPECT_EQ(lines[3]["error"]["code"], "too_large");
  EXPECT_EQ(lines[3]["line"], 5);
  EXPECT_EQ(lines[4]["verdict"], "unknown");
  EXPECT_THAT(err, HasSubstr("verified 5 contacts: 1 official, 1 lookalike, 1 unknown, 2 errors"));
  EXPECT_EQ(RunCli("verify --each - example.org", "", nullptr, &err), 3);
  EXPECT_THAT(err, HasSubstr("not both"));
}

TEST(Cli, KnowledgeCommands) {
  std::string out;
  EXPECT_EQ(RunCli("kb lint", "", &out, nullptr), 0);
  EXPECT_EQ(RunCli("kb list brands", "", &out, nullptr), 0);
  EXPECT_THAT(out, HasSubstr("binance\tBinance"));
  EXPECT_EQ(RunCli("kb show whatsapp", "", &out, nullptr), 0);
  EXPECT_EQ(nlohmann::json::parse(out)["id"], "whatsapp");
  EXPECT_EQ(RunCli("kb show nothing_here", "", nullptr, nullptr), 3);
  EXPECT_EQ(RunCli("--version", "", &out, nullptr), 0);
  EXPECT_THAT(out, HasSubstr("redflag 0.1.0"));
}

// A pattern writer finds the patterns that make every first run wait, slowest first, with file and line.
TEST(Cli, LintListsThePatternsSlowestToCompile) {
  std::string out;
  ASSERT_EQ(RunCli("kb lint --slowest 2 --only en.charge_link.", "", &out, nullptr), 0);
  std::istringstream in(out);
  std::string ok, summary, first, second;
  std::getline(in, ok);
  std::getline(in, summary);
  std::getline(in, first);
  std::getline(in, second);
  EXPECT_EQ(ok, "knowledge base OK: built-in");
  EXPECT_THAT(summary,
              ::testing::MatchesRegex("[0-9]+ patterns take [0-9.]+ s to compile one by one; the slowest:"));
  const char* row = " *([0-9.]+) s  en\\.charge_link\\.[a-z_]+  signals/en/charge_link\\.yaml:[0-9]+";
  ASSERT_THAT(first, ::testing::MatchesRegex(row));
  ASSERT_THAT(second, ::testing::MatchesRegex(row));
  EXPECT_GE(std::stod(first), std::stod(second));
  std::string rest;
  EXPECT_FALSE(std::getline(in, rest)) << "only the two asked for: " << rest;
  ASSERT_EQ(RunCli("kb lint --slowest 3 --only no.such.", "", &out, nullptr), 0);
  EXPECT_THAT(out, HasSubstr("0 patterns take 0.0 s"));
}

}  // namespace
}  // namespace redflag
