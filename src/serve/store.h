// The service's embedded SQLite store. It keeps what helps others without
// keeping what people wrote:
//   - counts per day of checks, verdicts, scam patterns and red flags (never text);
//   - reports people send: the contact points, and the text only with consent.
// Counting a check only touches memory; a background thread writes the counts
// in one transaction every `flush_interval`, off the request path.
#ifndef REDFLAG_SERVE_STORE_H_
#define REDFLAG_SERVE_STORE_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "redflag/status.h"

struct sqlite3;

namespace redflag::serve {

struct ReportedContact {
  std::string kind;  // url | email | phone | handle
  std::string value;
};

struct UserReport {
  std::vector<ReportedContact> contacts;
  std::string channel, country, scam;
  std::string text;  // only when the person consented
};

// "2026-11-22" for now, in UTC.
std::string UtcDay(std::chrono::system_clock::time_point t = std::chrono::system_clock::now());

class Store {
 public:
  // path ":memory:" keeps nothing on disk.
  static StatusOr<std::unique_ptr<Store>> Open(const std::string& path,
                                               std::chrono::milliseconds flush_interval = std::chrono::seconds(2));
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  void CountCheck(const std::string& verdict, const std::vector<std::string>& scams,
                  const std::vector<std::string>& flags);
  Status Flush();
  // The new report's id.
  StatusOr<int64_t> AddUserReport(const UserReport& report);
  // Counts of the last `days` days (today included).
  StatusOr<nlohmann::json> Stats(int days);

 private:
  explicit Store(sqlite3* db, std::chrono::milliseconds flush_interval);
  void FlushLoop();

  sqlite3* db_;
  std::mutex db_mutex_;  // one connection, used by one thread at a time
  std::mutex counts_mutex_;
  std::map<std::tuple<std::string, std::string, std::string>, int64_t> pending_;  // (day, kind, key) -> n
  std::chrono::milliseconds flush_interval_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread flusher_;
};

}  // namespace redflag::serve

#endif  // REDFLAG_SERVE_STORE_H_
