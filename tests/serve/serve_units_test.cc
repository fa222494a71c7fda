// The server's small parts on their own: the token bucket, log redaction, route labels.
#include <gtest/gtest.h>

#include "serve/access_log.h"
#include "serve/rate_limiter.h"

namespace redflag::serve {
namespace {

using std::chrono::milliseconds;

TEST(RateLimiterTest, AllowsABurstThenRefillsAtTheRate) {
  RateLimiter limiter(/*rate=*/2, /*burst=*/3);
  auto t0 = RateLimiter::Clock::now();
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Allow("a", t0)) << i;
  EXPECT_FALSE(limiter.Allow("a", t0));
  EXPECT_TRUE(limiter.Allow("b", t0));                      // another client has its own bucket
  EXPECT_FALSE(limiter.Allow("a", t0 + milliseconds(400)));  // 0.8 tokens so far
  EXPECT_TRUE(limiter.Allow("a", t0 + milliseconds(600)));   // 1.2 tokens
  EXPECT_EQ(limiter.RetryAfterSeconds(), 1);
}

TEST(RateLimiterTest, ZeroRateIsOff) {
  RateLimiter limiter(0, 1);
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(limiter.Allow("a"));
}

TEST(RateLimiterTest, ForgetsIdleClientsWhenFull) {
  RateLimiter limiter(1000, 1, /*max_clients=*/4);
  auto t0 = RateLimiter::Clock::now();
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(limiter.Allow("client" + std::to_string(i), t0 + milliseconds(10 * i)));
}

TEST(AccessLogTest, RedactsClientsToTheirNetwork) {
  EXPECT_EQ(RedactClient("203.0.113.77"), "203.0.113.0/24");
  EXPECT_EQ(RedactClient("2001:db8:1:2:3:4:5:6"), "2001:db8:1::/48");
  EXPECT_EQ(RedactClient("::1"), "::/48");
  EXPECT_EQ(RedactClient("garbage"), "unknown");
}

TEST(AccessLogTest, RouteLabelsAreBoundedPatterns) {
  EXPECT_EQ(RouteLabel("POST", "/v1/check"), "POST /v1/check");
  EXPECT_EQ(RouteLabel("GET", "/v1/brands/whatsapp"), "GET /v1/brands/{id}");
  EXPECT_EQ(RouteLabel("GET", "/v1/whatever-someone-typed"), "GET /v1/other");
  EXPECT_EQ(RouteLabel("GET", "/my-secret-message-text"), "GET /static");
}

}  // namespace
}  // namespace redflag::serve
