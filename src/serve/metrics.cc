#include "serve/metrics.h"

#include <sstream>

namespace redflag::serve {

void Metrics::ObserveRequest(const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, status}];
  Histogram& h = latency_[route];
  for (size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++h.counts[i];
  ++h.count;
  h.sum += seconds;
}

void Metrics::CountVerdict(const std::string& verdict) {
  std::lock_guard lock(mutex_);
  ++verdicts_[verdict];
}

void Metrics::CountRejected(const std::string& reason) {
  std::lock_guard lock(mutex_);
  ++rejected_[reason];
}

std::string Metrics::Prometheus(int in_flight) const {
  std::ostringstream out;
  std::lock_guard lock(mutex_);
  out << "# HELP redflag_http_requests_total HTTP requests answered, by route and status.\n"
         "# TYPE redflag_http_requests_total counter\n";
  for (const auto& [key, n] : requests_)
    out << "redflag_http_requests_total{route=\"" << key.first << "\",status=\"" << key.second << "\"} " << n
        << "\n";
  out << "# HELP redflag_http_request_duration_seconds Time to answer a request, by route.\n"
         "# TYPE redflag_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    for (size_t i = 0; i < kBuckets.size(); ++i)
      out << "redflag_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\"" << kBuckets[i]
          << "\"} " << h.counts[i] << "\n";
    out << "redflag_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\"+Inf\"} " << h.count
        << "\n";
    out << "redflag_http_request_duration_seconds_sum{route=\"" << route << "\"} " << h.sum << "\n";
    out << "redflag_http_request_duration_seconds_count{route=\"" << route << "\"} " << h.count << "\n";
  }
  out << "# HELP redflag_checks_total Messages checked, by verdict.\n"
         "# TYPE redflag_checks_total counter\n";
  for (const auto& [verdict, n] : verdicts_)
    out << "redflag_checks_total{verdict=\"" << verdict << "\"} " << n << "\n";
  out << "# HELP redflag_rejected_total Requests turned away before any work, by reason.\n"
         "# TYPE redflag_rejected_total counter\n";
  for (const auto& [reason, n] : rejected_)
    out << "redflag_rejected_total{reason=\"" << reason << "\"} " << n << "\n";
  out << "# HELP redflag_analyses_in_flight Analyses running now.\n"
         "# TYPE redflag_analyses_in_flight gauge\n"
         "redflag_analyses_in_flight "
      << in_flight << "\n";
  return out.str();
}

}  // namespace redflag::serve
