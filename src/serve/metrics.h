// Counters and a latency histogram in the Prometheus text format
// (https://prometheus.io/docs/instrumenting/exposition_formats/).
// Labels come from a fixed set (route patterns, status codes, verdicts), so the
// number of series stays bounded whatever clients send.
#ifndef REDFLAG_SERVE_METRICS_H_
#define REDFLAG_SERVE_METRICS_H_

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace redflag::serve {

class Metrics {
 public:
  void ObserveRequest(const std::string& route, int status, double seconds);
  void CountVerdict(const std::string& verdict);
  void CountRejected(const std::string& reason);  // "rate_limited" | "busy"

  // `in_flight`: analyses running now.
  std::string Prometheus(int in_flight) const;

  static constexpr std::array<double, 10> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                      0.025, 0.05, 0.1, 0.25, 1.0};

 private:
  struct Histogram {
    std::array<long long, kBuckets.size()> counts{};
    long long count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, long long> requests_;
  std::map<std::string, Histogram> latency_;
  std::map<std::string, long long> verdicts_, rejected_;
};

}  // namespace redflag::serve

#endif  // REDFLAG_SERVE_METRICS_H_
