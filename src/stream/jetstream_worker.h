// A stream worker on NATS JetStream: reads messages from a stream with a
// durable pull consumer, hands each to a function that turns it into a report
// line, publishes the lines of a batch, and acknowledges each message only once
// the server has taken its report. So a
// worker that stops or dies loses nothing (JetStream delivers the unacked
// message again), and a report published twice is dropped by the report
// stream's duplicate window (each carries Nats-Msg-Id "<stream>:<sequence>").
// Many workers on the same durable consumer share the work.
//
// Knows NATS, not the analyzer: `redflag worker` (apps/redflag/worker.cc)
// gives it the same line-to-report function `scan` uses.
#ifndef REDFLAG_STREAM_JETSTREAM_WORKER_H_
#define REDFLAG_STREAM_JETSTREAM_WORKER_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>

#include "redflag/status.h"

namespace redflag {

struct WorkerOptions {
  std::string server = "nats://127.0.0.1:4222";
  std::string in_stream = "REDFLAG_MESSAGES";  // created with `in_subject` when missing
  std::string in_subject = "redflag.messages";
  std::string durable = "redflag-worker";      // the consumer's name: workers that share it share the work
  std::string out_stream = "REDFLAG_REPORTS";  // created with `out_subject` when missing
  std::string out_subject = "redflag.reports";
  int batch = 256;               // messages fetched, analysed and published at a time
  uint64_t max_messages = 0;     // stop after this many (0: run until stopped)
  int64_t ack_wait_ms = 60'000;  // an unacknowledged message comes again after this
  int progress_seconds = 60;     // the counts so far go to the log this often (0: only at the end)
};

struct WorkerCounts {
  uint64_t messages = 0;  // reports published and messages acknowledged
  uint64_t errors = 0;    // of which error lines (a message that could not be read or analysed)
};

// One message of the stream: its JSON line, its stream sequence and when the stream received it (ISO 8601
// UTC). Returns the line to publish, and sets *error when that line is an error line.
using ReportFunction = std::function<std::string(const std::string& line, uint64_t sequence,
                                                 const std::string& received, bool* error)>;

// Runs until `stop` is set (checked at least once a second) or max_messages are done. Progress and the
// end's counts go to `log`, never a message's text. An error that stops the worker (no server, a stream
// that cannot be made) is returned; a message that fails is reported on the stream and acknowledged.
Status RunJetStreamWorker(const WorkerOptions& options, const ReportFunction& report,
                          const std::atomic<bool>& stop, std::ostream& log, WorkerCounts* counts);

}  // namespace redflag

#endif  // REDFLAG_STREAM_JETSTREAM_WORKER_H_
