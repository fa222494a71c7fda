// redflag worker against a real nats-server with JetStream, started on loopback for each test.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <nats/nats.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "test_support.h"

namespace redflag {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    return 0;
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

// A nats-server with JetStream on a free loopback port and a fresh store, stopped with the test.
class NatsServer {
 public:
  // `max_payload` > 0: the largest message the server takes (its default is 1 MiB).
  explicit NatsServer(int max_payload = 0) {
    if (std::string(REDFLAG_NATS_SERVER).empty()) return;
    char dir[] = "/tmp/redflag-nats-XXXXXX";
    if (::mkdtemp(dir) == nullptr) return;
    store_ = dir;
    std::ofstream(store_ + "/server.conf")
        << (max_payload > 0 ? "max_payload: " + std::to_string(max_payload) + "\n" : "");
    port_ = FreePort();
    url_ = "nats://127.0.0.1:" + std::to_string(port_);
    Start();
  }
  ~NatsServer() {
    Stop();
    if (!store_.empty()) std::filesystem::remove_all(store_);
  }
  // Stopped and started again on the same port and store, as an operator restarts it.
  bool Restart() {
    Stop();
    Start();
    return ready_;
  }
  bool ready() const { return ready_; }
  const std::string& url() const { return url_; }
  std::string log() const {
    std::ifstream in(store_ + "/server.log");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

 private:
  void Start() {
    pid_ = ::fork();
    if (pid_ == 0) {
      int log = ::open((store_ + "/server.log").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      if (log >= 0) {
        ::dup2(log, 1);
        ::dup2(log, 2);
      }
      std::string p = std::to_string(port_);
      std::string conf = store_ + "/server.conf";
      ::execl(REDFLAG_NATS_SERVER, "nats-server", "-c", conf.c_str(), "-js", "-a", "127.0.0.1", "-p",
              p.c_str(), "-sd", store_.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    for (int i = 0; i < 100 && !ready_; ++i) {  // up to 10 s
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      natsConnection* nc = nullptr;
      if (natsConnection_ConnectTo(&nc, url_.c_str()) == NATS_OK) {
        ready_ = true;
        natsConnection_Destroy(nc);
      }
    }
  }
  void Stop() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
    pid_ = -1;
    ready_ = false;
  }

  pid_t pid_ = -1;
  int port_ = 0;
  std::string store_, url_;
  bool ready_ = false;
};

// The test's own client: publishes messages and reads the reports back.
class Client {
 public:
  explicit Client(const std::string& url) {
    ok_ = natsConnection_ConnectTo(&nc_, url.c_str()) == NATS_OK &&
          natsConnection_JetStream(&js_, nc_, nullptr) == NATS_OK;
  }
  ~Client() {
    if (reader_) natsSubscription_Destroy(reader_);
    if (js_) jsCtx_Destroy(js_);
    if (nc_) natsConnection_Destroy(nc_);
  }
  bool ok() const { return ok_; }

  // Into the worker's stream, made first as the worker would make it.
  bool Publish(const std::string& data) {
    if (!made_stream_) {
      jsStreamConfig config;
      jsStreamConfig_Init(&config);
      config.Name = "REDFLAG_MESSAGES";
      const char* subjects[] = {"redflag.messages"};
      config.Subjects = subjects;
      config.SubjectsLen = 1;
      jsStreamInfo* info = nullptr;
      if (js_AddStream(&info, js_, &config, nullptr, nullptr) != NATS_OK) return false;
      jsStreamInfo_Destroy(info);
      made_stream_ = true;
    }
    jsPubAck* ack = nullptr;
    natsStatus s = js_Publish(&ack, js_, "redflag.messages", data.data(), static_cast<int>(data.size()),
                              nullptr, nullptr);
    jsPubAck_Destroy(ack);
    return s == NATS_OK;
  }

  struct Report {
    nlohmann::json json;
    std::string message_id;
  };
  // Every report not read yet, in the order of the report stream (up to `want`, or what comes within 3 s).
  std::vector<Report> Reports(size_t want) {
    std::vector<Report> out;
    if (!reader_) {
      jsSubOptions options;
      jsSubOptions_Init(&options);
      options.Stream = "REDFLAG_REPORTS";
      if (js_PullSubscribe(&reader_, js_, "redflag.reports", "test-reader", nullptr, &options, nullptr) !=
          NATS_OK)
        return out;
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    while (out.size() < want && std::chrono::steady_clock::now() < deadline) {
      natsMsgList list{};
      if (natsSubscription_Fetch(&list, reader_, static_cast<int>(want - out.size()), 500, nullptr) !=
          NATS_OK)
        continue;
      for (int i = 0; i < list.Count; ++i) {
        const char* id = nullptr;
        natsMsgHeader_Get(list.Msgs[i], "Nats-Msg-Id", &id);
        out.push_back(
            {nlohmann::json::parse(std::string(natsMsg_GetData(list.Msgs[i]),
                                               static_cast<size_t>(natsMsg_GetDataLength(list.Msgs[i])))),
             id ? id : ""});
        natsMsg_Ack(list.Msgs[i], nullptr);
      }
      natsMsgList_Destroy(&list);
    }
    return out;
  }

  // The worker's consumer: messages not yet delivered, and delivered but not acknowledged.
  std::pair<uint64_t, int64_t> Pending() {
    jsConsumerInfo* info = nullptr;
    if (js_GetConsumerInfo(&info, js_, "REDFLAG_MESSAGES", "redflag-worker", nullptr, nullptr) != NATS_OK)
      return {99, 99};
    std::pair<uint64_t, int64_t> pending{info->NumPending, info->NumAckPending};
    jsConsumerInfo_Destroy(info);
    return pending;
  }

 private:
  natsConnection* nc_ = nullptr;
  jsCtx* js_ = nullptr;
  natsSubscription* reader_ = nullptr;
  bool ok_ = false, made_stream_ = false;
};

// The client library's threads, and the memory they hold, are gone at the end, so the leak checker sees none.
class NatsLibrary : public ::testing::Environment {
 public:
  void TearDown() override { nats_CloseAndWait(5000); }
};
const ::testing::Environment* const kNatsLibrary = ::testing::AddGlobalTestEnvironment(new NatsLibrary);

class Worker : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(std::string(REDFLAG_NATS_SERVER).empty())
        << "nats-server is not installed: scripts/install-deps --test installs it";
    ASSERT_TRUE(server_.ready()) << "nats-server did not start on " << server_.url() << ":\n"
                                 << server_.log();
    client_ = std::make_unique<Client>(server_.url());
    ASSERT_TRUE(client_->ok());
  }
  void TearDown() override { client_.reset(); }

  int RunWorker(const std::string& args, std::string* err) {
    std::string out;
    return testing::RunCli("worker --server " + server_.url() + " " + args, "", &out, err);
  }

  // The first `n` reports not read yet, waiting up to a minute: a worker loads the engine first (seconds
  // under the sanitizers), and there are none at all until it has made the report stream.
  std::vector<Client::Report> WaitForReports(size_t n) {
    std::vector<Client::Report> reports;
    for (int i = 0; i < 120 && reports.size() < n; ++i) {
      for (auto& r : client_->Reports(n - reports.size())) reports.push_back(std::move(r));
      if (reports.size() < n) std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
    return reports;
  }

  NatsServer server_;
  std::unique_ptr<Client> client_;
};

TEST_F(Worker, ReportsEveryMessageInOrderAndAcknowledgesIt) {
  ASSERT_TRUE(client_->Publish(
      R"({"id": "code", "channel": "whatsapp", "text": "I sent you a code by mistake, send it back now please"})"));
  ASSERT_TRUE(client_->Publish(
      R"({"id": "dinner", "text": "see you at 6 for dinner", "time": "2026-12-01T18:00:00Z"})"));
  ASSERT_TRUE(client_->Publish("this is not json"));
  ASSERT_TRUE(client_->Publish(R"({"id": "empty", "text": ""})"));
  std::string err;
  ASSERT_EQ(RunWorker("--max-messages 4 --compact", &err), 0) << err;
  EXPECT_THAT(err, HasSubstr("4 messages (2 errors)"));
  EXPECT_THAT(err, ::testing::Not(HasSubstr("code by mistake")));  // no message text in the log

  auto reports = client_->Reports(4);
  ASSERT_EQ(reports.size(), 4u);
  EXPECT_EQ(reports[0].json["id"], "code");
  EXPECT_EQ(reports[0].json["verdict"], "scam");
  EXPECT_EQ(reports[0].json["line"], 1);  // the message's stream sequence
  EXPECT_EQ(reports[0].message_id, "REDFLAG_MESSAGES:1");
  // No time in the message: the stream's own time of receipt, this year's.
  std::string year = std::to_string(1900 + [] {
    std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    return utc.tm_year;
  }());
  EXPECT_THAT(reports[0].json["time"].get<std::string>(), StartsWith(year + "-"));
  EXPECT_EQ(reports[1].json["id"], "dinner");
  EXPECT_EQ(reports[1].json["verdict"], "no_red_flags");
  EXPECT_EQ(reports[1].json["time"], "2026-12-01T18:00:00Z");
  EXPECT_THAT(reports[2].json["error"]["message"].get<std::string>(), HasSubstr("invalid JSON"));
  EXPECT_EQ(reports[2].message_id, "REDFLAG_MESSAGES:3");
  EXPECT_EQ(reports[3].json["error"]["code"], "invalid_message");
  EXPECT_EQ(client_->Pending(), (std::pair<uint64_t, int64_t>{0, 0}));
}

// Workers that stop and start again go on from the first message not yet reported: nothing twice, nothing
// lost.
TEST_F(Worker, ADurableConsumerGoesOnWhereItStopped) {
  for (const char* id : {"a", "b", "c"})
    ASSERT_TRUE(client_->Publish(std::string(R"({"id": ")") + id + R"(", "text": "see you at 5"})"));
  std::string err;
  ASSERT_EQ(RunWorker("--max-messages 2 --compact", &err), 0) << err;
  EXPECT_EQ(client_->Pending().first, 1u);
  ASSERT_TRUE(client_->Publish(R"({"id": "d", "text": "Your WhatsApp code: 123-456. Don't share it"})"));
  ASSERT_EQ(RunWorker("--max-messages 2 --compact", &err), 0) << err;
  auto reports = client_->Reports(5);
  ASSERT_EQ(reports.size(), 4u);
  std::vector<std::string> ids;
  for (const auto& r : reports) ids.push_back(r.json["id"]);
  EXPECT_THAT(ids, ::testing::ElementsAre("a", "b", "c", "d"));
  EXPECT_EQ(reports[3].json["verdict"], "no_red_flags");
  EXPECT_EQ(client_->Pending(), (std::pair<uint64_t, int64_t>{0, 0}));
}

// Two workers on one durable consumer share the messages: each is reported once.
TEST_F(Worker, WorkersSharingAConsumerShareTheWork) {
  for (int i = 0; i < 20; ++i)
    ASSERT_TRUE(client_->Publish(R"({"id": ")" + std::to_string(i) + R"(", "text": "see you at 5"})"));
  std::string err_a, err_b;
  int code_a = -1, code_b = -1;
  std::thread a([&] { code_a = RunWorker("--max-messages 10 --batch 5 --compact", &err_a); });
  std::thread b([&] { code_b = RunWorker("--max-messages 10 --batch 5 --compact", &err_b); });
  a.join();
  b.join();
  ASSERT_EQ(code_a, 0) << err_a;
  ASSERT_EQ(code_b, 0) << err_b;
  auto reports = client_->Reports(21);
  std::set<std::string> ids;
  for (const auto& r : reports) ids.insert(r.json["id"].get<std::string>());
  EXPECT_EQ(reports.size(), 20u);
  EXPECT_EQ(ids.size(), 20u);
  EXPECT_EQ(client_->Pending(), (std::pair<uint64_t, int64_t>{0, 0}));
}

// A long-running worker says how far it got while it waits, not only at the end.
TEST_F(Worker, LogsItsCountsWhileItRuns) {
  ASSERT_TRUE(client_->Publish(R"({"id": "a", "text": "see you at 5"})"));
  std::string err;
  int code = -1;
  std::thread worker([&] { code = RunWorker("--max-messages 2 --progress 1 --compact", &err); });
  EXPECT_EQ(WaitForReports(1).size(), 1u);  // then the worker waits
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  EXPECT_TRUE(client_->Publish(R"({"id": "b", "text": "see you at 6"})"));
  worker.join();
  ASSERT_EQ(code, 0) << err;
  EXPECT_THAT(err, HasSubstr("worker: so far 1 messages (0 errors)"));
  EXPECT_THAT(err, HasSubstr("worker: 2 messages (0 errors)"));
}

// The server restarts under a running worker (its stream and consumer are on disk): the worker waits for it
// and goes on, and every message is reported once.
TEST_F(Worker, AServerRestartIsWaitedFor) {
  ASSERT_TRUE(client_->Publish(R"({"id": "before", "text": "see you at 5"})"));
  std::string err;
  int code = -1;
  std::thread worker([&] { code = RunWorker("--max-messages 2 --compact", &err); });
  EXPECT_EQ(WaitForReports(1).size(), 1u);
  client_.reset();
  EXPECT_TRUE(server_.Restart()) << server_.log();
  client_ = std::make_unique<Client>(server_.url());
  // No ASSERT until the worker has ended: it ends once it has its second message, or a minute after it lost
  // a server that never came back.
  EXPECT_TRUE(
      client_->Publish(R"({"id": "after", "text": "I sent you a code by mistake, send it back now"})"));
  worker.join();
  ASSERT_EQ(code, 0) << err;
  EXPECT_THAT(err, HasSubstr("waiting for the server"));
  EXPECT_THAT(err, HasSubstr("the server is back"));
  auto reports = client_->Reports(2);  // the test's reader took "before" already
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].json["id"], "after");
  EXPECT_EQ(reports[0].json["verdict"], "scam");
  EXPECT_EQ(client_->Pending(), (std::pair<uint64_t, int64_t>{0, 0}));
}

TEST_F(Worker, FullReportsCarryTheAdvice) {
  ASSERT_TRUE(client_->Publish(
      R"({"id": "x", "country": "GB", "text": "I sent you a code by mistake, send it back now please"})"));
  std::string err;
  ASSERT_EQ(RunWorker("--max-messages 1", &err), 0) << err;
  auto reports = client_->Reports(1);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_FALSE(reports[0].json["advice"]["report"].empty());
  EXPECT_FALSE(reports[0].json["summary"].get<std::string>().empty());
}

// A report the server would refuse (over its max_payload) would bring its message back forever: it becomes an
// error line that says so, and the message is acknowledged.
TEST(WorkerLimits, AReportOverTheServersLimitIsAnErrorLine) {
  NatsServer server(8192);
  ASSERT_TRUE(server.ready()) << server.log();
  Client client(server.url());
  ASSERT_TRUE(client.ok());
  std::string text = "USPS: your parcel is on hold, pay the fee at";
  for (int i = 0; i < 60; ++i) text += " https://usps-fee-" + std::to_string(i) + ".top/p";
  ASSERT_TRUE(client.Publish(R"({"id": "big", "text": ")" + text + R"("})"));
  ASSERT_TRUE(client.Publish(R"({"id": "small", "text": "see you at 5"})"));
  std::string out, err;
  ASSERT_EQ(testing::RunCli("worker --server " + server.url() + " --max-messages 2", "", &out, &err), 0)
      << err;
  auto reports = client.Reports(2);
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0].json["error"]["code"], "too_large") << reports[0].json.dump().substr(0, 300);
  EXPECT_THAT(reports[0].json["error"]["message"].get<std::string>(),
              HasSubstr("over the server's limit of 8192"));
  EXPECT_EQ(reports[1].json["id"], "small");
  EXPECT_EQ(client.Pending(), (std::pair<uint64_t, int64_t>{0, 0}));
}

TEST(WorkerErrors, NoServerIsAClearError) {
  std::string out, err;
  int port = FreePort();  // nobody listens there
  EXPECT_EQ(testing::RunCli("worker --server nats://127.0.0.1:" + std::to_string(port) + " --max-messages 1",
                            "", &out, &err),
            5);
  EXPECT_THAT(err, HasSubstr("connecting to nats://127.0.0.1:" + std::to_string(port)));
}

}  // namespace
}  // namespace redflag
