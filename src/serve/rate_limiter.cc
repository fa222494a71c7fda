#include "serve/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace redflag::serve {

RateLimiter::RateLimiter(double rate, double burst, size_t max_clients)
    : rate_(rate), burst_(std::max(1.0, burst)), max_clients_(max_clients) {}

bool RateLimiter::Allow(const std::string& client, Clock::time_point now) {
  if (rate_ <= 0) return true;
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(client);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_clients_) ForgetIdle(now);
    it = buckets_.emplace(client, Bucket{burst_, now}).first;
  }
  Bucket& b = it->second;
  double elapsed = std::chrono::duration<double>(now - b.last).count();
  b.tokens = std::min(burst_, b.tokens + elapsed * rate_);
  b.last = now;
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

int RateLimiter::RetryAfterSeconds() const {
  return rate_ <= 0 ? 0 : std::max(1, static_cast<int>(std::ceil(1.0 / rate_)));
}

void RateLimiter::ForgetIdle(Clock::time_point now) {
  std::erase_if(buckets_, [&](const auto& entry) {
    double elapsed = std::chrono::duration<double>(now - entry.second.last).count();
    return entry.second.tokens + elapsed * rate_ >= burst_;
  });
  // Still full of active clients: start over rather than grow without bound.
  if (buckets_.size() >= max_clients_) buckets_.clear();
}

}  // namespace redflag::serve
