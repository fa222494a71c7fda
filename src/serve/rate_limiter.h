// A token bucket per client address: each client may make `rate` requests a
// second on average and `burst` at once. Memory is bounded: when the table
// holds too many clients, those whose buckets have refilled are forgotten.
#ifndef REDFLAG_SERVE_RATE_LIMITER_H_
#define REDFLAG_SERVE_RATE_LIMITER_H_

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace redflag::serve {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  // rate <= 0 turns limiting off.
  RateLimiter(double rate, double burst, size_t max_clients = 100000);

  // True when the client may go ahead now (and takes a token).
  bool Allow(const std::string& client, Clock::time_point now = Clock::now());
  // Whole seconds until the client's next token: the Retry-After header.
  int RetryAfterSeconds() const;

 private:
  struct Bucket {
    double tokens;
    Clock::time_point last;
  };
  void ForgetIdle(Clock::time_point now);

  double rate_, burst_;
  size_t max_clients_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace redflag::serve

#endif  // REDFLAG_SERVE_RATE_LIMITER_H_
