#include "stream/jetstream_worker.h"

#include <nats/nats.h>

#include <chrono>
#include <ctime>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <thread>
#include <vector>

namespace redflag {
namespace {

template <typename T, void (*Destroy)(T*)>
struct Destroyer {
  void operator()(T* p) const {
    if (p) Destroy(p);
  }
};
template <typename T, void (*Destroy)(T*)>
using Owned = std::unique_ptr<T, Destroyer<T, Destroy>>;

using Options = Owned<natsOptions, natsOptions_Destroy>;
using Connection = Owned<natsConnection, natsConnection_Destroy>;
using JetStream = Owned<jsCtx, jsCtx_Destroy>;
using Subscription = Owned<natsSubscription, natsSubscription_Destroy>;
using Msg = Owned<natsMsg, natsMsg_Destroy>;
using StreamInfo = Owned<jsStreamInfo, jsStreamInfo_Destroy>;
using PubAck = Owned<jsPubAck, jsPubAck_Destroy>;
using MetaData = Owned<jsMsgMetaData, jsMsgMetaData_Destroy>;

// How long a lost server is waited for before the worker gives up. The client library reconnects on its own
// (natsOptions_SetMaxReconnect), and a restarted server needs a moment before JetStream answers again.
constexpr auto kServerWait = std::chrono::seconds(60);

// A fetched batch: its messages are destroyed with it.
struct Batch {
  natsMsgList list{};
  ~Batch() { natsMsgList_Destroy(&list); }
};

Status NatsError(const std::string& what, natsStatus s, jsErrCode js_error = static_cast<jsErrCode>(0)) {
  std::string message = what + ": " + natsStatus_GetText(s);
  if (js_error != 0) message += " (JetStream error " + std::to_string(static_cast<int>(js_error)) + ")";
  if (const char* last = nats_GetLastError(nullptr); last != nullptr && *last != '\0')
    message += ": " + std::string(last);
  return Internal(message);
}

// The stream, made with its one subject when it does not exist yet. An existing stream is used as it is.
Status EnsureStream(jsCtx* js, const std::string& name, const std::string& subject) {
  jsStreamInfo* found = nullptr;
  jsErrCode js_error = static_cast<jsErrCode>(0);
  natsStatus s = js_GetStreamInfo(&found, js, name.c_str(), nullptr, &js_error);
  StreamInfo info(found);
  if (s == NATS_OK) return Status::Ok();
  if (s != NATS_NOT_FOUND && js_error != JSStreamNotFoundErr)
    return NatsError("looking up stream " + name, s, js_error);
  jsStreamConfig config;
  jsStreamConfig_Init(&config);
  config.Name = name.c_str();
  const char* subjects[] = {subject.c_str()};
  config.Subjects = subjects;
  config.SubjectsLen = 1;
  jsStreamInfo* made = nullptr;
  s = js_AddStream(&made, js, &config, nullptr, &js_error);
  StreamInfo made_info(made);
  if (s != NATS_OK) return NatsError("creating stream " + name + " for " + subject, s, js_error);
  return Status::Ok();
}

// The reports the server refused or did not acknowledge in time (their Nats-Msg-Id), from the client
// library's thread.
struct FailedPublishes {
  std::mutex mutex;
  std::set<std::string> ids;
  std::string first_error;
};

extern "C" void OnPublishError(jsCtx*, jsPubAckErr* error, void* closure) {
  auto* failed = static_cast<FailedPublishes*>(closure);
  const char* id = nullptr;
  natsMsgHeader_Get(error->Msg, "Nats-Msg-Id", &id);
  std::lock_guard<std::mutex> lock(failed->mutex);
  failed->ids.insert(id ? id : "");
  if (failed->first_error.empty())
    failed->first_error = std::string(natsStatus_GetText(error->Err)) +
                          (error->ErrText ? ": " + std::string(error->ErrText) : "");
}

std::string IsoUtc(int64_t unix_nanos) {
  std::time_t seconds = static_cast<std::time_t>(unix_nanos / 1'000'000'000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace

Status RunJetStreamWorker(const WorkerOptions& o, const ReportFunction& report, const std::atomic<bool>& stop,
                          std::ostream& log, WorkerCounts* counts) {
  natsOptions* raw_options = nullptr;
  if (natsStatus s = natsOptions_Create(&raw_options); s != NATS_OK) return NatsError("NATS options", s);
  Options options(raw_options);
  natsOptions_SetURL(options.get(), o.server.c_str());
  natsOptions_SetTimeout(options.get(), 5000);
  natsOptions_SetMaxReconnect(options.get(), 60);  // a server restart is waited for, a minute at most

  natsConnection* raw_connection = nullptr;
  if (natsStatus s = natsConnection_Connect(&raw_connection, options.get()); s != NATS_OK)
    return NatsError("connecting to " + o.server, s);
  Connection connection(raw_connection);
  // Reports go out asynchronously, a batch at a time; a refused one is named by the error handler.
  FailedPublishes failed;
  jsOptions js_options;
  jsOptions_Init(&js_options);
  js_options.PublishAsync.ErrHandler = OnPublishError;
  js_options.PublishAsync.ErrHandlerClosure = &failed;
  jsCtx* raw_js = nullptr;
  if (natsStatus s = natsConnection_JetStream(&raw_js, connection.get(), &js_options); s != NATS_OK)
    return NatsError("JetStream on " + o.server, s);
  JetStream js(raw_js);
  if (Status made = EnsureStream(js.get(), o.in_stream, o.in_subject); !made.ok()) return made;
  if (Status made = EnsureStream(js.get(), o.out_stream, o.out_subject); !made.ok()) return made;

  jsSubOptions sub_options;
  jsSubOptions_Init(&sub_options);
  sub_options.Stream = o.in_stream.c_str();
  sub_options.Config.AckPolicy = js_AckExplicit;
  sub_options.Config.AckWait = o.ack_wait_ms * 1'000'000;  // nanoseconds
  natsSubscription* raw_sub = nullptr;
  jsErrCode js_error = static_cast<jsErrCode>(0);
  if (natsStatus s = js_PullSubscribe(&raw_sub, js.get(), o.in_subject.c_str(), o.durable.c_str(), nullptr,
                                      &sub_options, &js_error);
      s != NATS_OK)
    return NatsError("consumer " + o.durable + " on " + o.in_stream, s, js_error);
  Subscription sub(raw_sub);
  log << "worker: reading " << o.in_subject << " (stream " << o.in_stream << ", consumer " << o.durable
      << "), writing " << o.out_subject << " (stream " << o.out_stream << ") on " << o.server << std::endl;

  const size_t max_payload =
      static_cast<size_t>(std::max<int64_t>(natsConnection_GetMaxPayload(connection.get()), 0));
  constexpr size_t kHeaderRoom = 256;  // the Nats-Msg-Id header and its framing
  auto started = std::chrono::steady_clock::now();
  Status result = Status::Ok();
  auto last_progress = started;
  std::optional<std::chrono::steady_clock::time_point> lost_since;  // when fetching began to fail
  auto log_counts = [&](const char* what) {
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    log << "worker: " << what << counts->messages << " messages (" << counts->errors << " errors) in "
        << seconds << " s" << std::endl;
  };
  while (!stop.load() && (o.max_messages == 0 || counts->messages < o.max_messages)) {
    if (o.progress_seconds > 0 &&
        std::chrono::steady_clock::now() - last_progress >= std::chrono::seconds(o.progress_seconds)) {
      last_progress = std::chrono::steady_clock::now();
      log_counts("so far ");
    }
    uint64_t left = o.max_messages == 0 ? o.batch : o.max_messages - counts->messages;
    int want = static_cast<int>(std::min<uint64_t>(left, static_cast<uint64_t>(std::max(o.batch, 1))));
    Batch batch;
    natsStatus s = natsSubscription_Fetch(&batch.list, sub.get(), want, 1000, &js_error);
    // The server answered, with messages or with none for a second: any earlier failure is over.
    if (lost_since && (s == NATS_OK || (s == NATS_TIMEOUT && natsConnection_Status(connection.get()) ==
                                                                 NATS_CONN_STATUS_CONNECTED))) {
      log << "worker: the server is back after "
          << std::chrono::duration<double>(std::chrono::steady_clock::now() - *lost_since).count() << " s"
          << std::endl;
      lost_since.reset();
    }
    if (s == NATS_TIMEOUT) continue;  // nothing new within a second: look at `stop` again
    if (s != NATS_OK) {
      // A server restart or a lost connection. Nothing is lost meanwhile: no batch is in hand, and the
      // stream keeps the messages. Wait for the server, a while.
      auto now = std::chrono::steady_clock::now();
      if (!lost_since) {
        lost_since = now;
        log << "worker: fetching from " << o.in_stream << " failed (" << natsStatus_GetText(s)
            << "): waiting for the server" << std::endl;
      }
      if (now - *lost_since < kServerWait && !natsConnection_IsClosed(connection.get())) {
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
        continue;
      }
      result = NatsError("fetching from " + o.in_stream, s, js_error);
      break;
    }
    // Analyse and publish the whole batch, wait for the server to take every report, then acknowledge
    // each message whose report it took: one round trip a batch, not two a message.
    std::vector<std::string> ids(static_cast<size_t>(batch.list.Count));
    std::vector<bool> errors(ids.size());
    int published = 0;
    for (int i = 0; i < batch.list.Count && result.ok(); ++i, ++published) {
      natsMsg* in = batch.list.Msgs[i];
      jsMsgMetaData* raw_meta = nullptr;
      if (natsStatus m = natsMsg_GetMetaData(&raw_meta, in); m != NATS_OK) {
        result = NatsError("reading a message's stream sequence", m);
        break;
      }
      MetaData meta(raw_meta);
      uint64_t sequence = meta->Sequence.Stream;
      ids[i] = o.in_stream + ":" + std::to_string(sequence);
      std::string line(natsMsg_GetData(in), static_cast<size_t>(natsMsg_GetDataLength(in)));
      bool error = false;
      std::string out = report(line, sequence, IsoUtc(meta->Timestamp), &error);
      if (out.size() + kHeaderRoom >
          max_payload) {  // the server would refuse it, and the message come back forever
        out =
            nlohmann::json{
                {"line", sequence},
                {"error",
                 {{"code", "too_large"},
                  {"message", "line " + std::to_string(sequence) + ": its report (" +
                                  std::to_string(out.size()) + " bytes) is over the server's limit of " +
                                  std::to_string(max_payload) + " bytes a message"}}}}
                .dump();
        error = true;
      }
      errors[i] = error;
      natsMsg* raw_out = nullptr;
      if (natsStatus m = natsMsg_Create(&raw_out, o.out_subject.c_str(), nullptr, out.data(),
                                        static_cast<int>(out.size()));
          m != NATS_OK) {
        result = NatsError("making a report message", m);
        break;
      }
      Msg reply(raw_out);
      natsMsgHeader_Set(reply.get(), "Nats-Msg-Id", ids[i].c_str());
      natsMsg* handed = reply.release();
      if (natsStatus m = js_PublishMsgAsync(js.get(), &handed, nullptr); m != NATS_OK) {
        Msg kept(handed);  // still ours when the call failed
        result = NatsError("publishing the report of " + ids[i] + " to " + o.out_subject, m);
        break;
      }
    }
    jsPubOptions wait;
    jsPubOptions_Init(&wait);
    wait.MaxWait = o.ack_wait_ms;
    if (natsStatus m = js_PublishAsyncComplete(js.get(), &wait); m != NATS_OK && result.ok())
      result = NatsError("waiting for the server to take the reports", m);
    std::lock_guard<std::mutex> lock(failed.mutex);
    for (int i = 0; i < batch.list.Count; ++i) {
      natsMsg* in = batch.list.Msgs[i];
      // Not published, or refused: delivered again, to this worker or another. Taken: its report is out; if
      // the ack is lost the message comes again and its report is dropped as a duplicate.
      if (i >= published || !result.ok() || failed.ids.count(ids[i])) {
        natsMsg_Nak(in, nullptr);
        continue;
      }
      natsMsg_Ack(in, nullptr);
      ++counts->messages;
      if (errors[i]) ++counts->errors;
    }
    if (!failed.ids.empty() && result.ok())
      result = Internal("the server refused " + std::to_string(failed.ids.size()) + " reports on " +
                        o.out_subject + ": " + failed.first_error);
    if (!result.ok()) break;
  }
  natsConnection_FlushTimeout(connection.get(), 5000);  // the last acknowledgements reach the server
  // Closed before its objects are destroyed: no delivery lands mid-teardown. (No unsubscribe: for a
  // consumer the library made, that would delete the durable consumer, and with it where the work stands.)
  natsConnection_Close(connection.get());
  log_counts("");
  return result;
}

}  // namespace redflag
