#include "serve/store.h"

#include <sqlite3.h>

#include <ctime>

namespace redflag::serve {
namespace {

constexpr const char* kSchema = R"sql(
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE IF NOT EXISTS daily_counts (
  day TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (day, kind, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS user_reports (
  id INTEGER PRIMARY KEY, created TEXT NOT NULL, channel TEXT, country TEXT, scam TEXT, text TEXT);
CREATE TABLE IF NOT EXISTS user_report_contacts (
  report_id INTEGER NOT NULL REFERENCES user_reports(id), kind TEXT NOT NULL, value TEXT NOT NULL);
)sql";

Status SqlError(sqlite3* db, const std::string& what) {
  return Internal(what + ": " + sqlite3_errmsg(db));
}

// A prepared statement, finalized on scope exit.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) { rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  bool ok() const { return rc_ == SQLITE_OK; }
  sqlite3_stmt* get() { return stmt_; }
  void Bind(int i, const std::string& s) {
    if (s.empty()) sqlite3_bind_null(stmt_, i);
    else sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_;
};

std::string Text(sqlite3_stmt* s, int column) {
  const unsigned char* t = sqlite3_column_text(s, column);
  return t ? reinterpret_cast<const char*>(t) : "";
}

}  // namespace

std::string UtcDay(std::chrono::system_clock::time_point t) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char day[16];
  std::strftime(day, sizeof(day), "%Y-%m-%d", &tm);
  return day;
}

StatusOr<std::unique_ptr<Store>> Store::Open(const std::string& path, std::chrono::milliseconds flush_interval) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Internal(path + ": cannot open the database: " + message);
  }
  sqlite3_busy_timeout(db, 1000);
  char* error = nullptr;
  if (sqlite3_exec(db, kSchema, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    sqlite3_close(db);
    return Internal(path + ": cannot create the tables: " + message);
  }
  return std::unique_ptr<Store>(new Store(db, flush_interval));
}

Store::Store(sqlite3* db, std::chrono::milliseconds flush_interval)
    : db_(db), flush_interval_(flush_interval), flusher_([this] { FlushLoop(); }) {}

Store::~Store() {
  {
    std::lock_guard lock(counts_mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  flusher_.join();
  (void)Flush();
  sqlite3_close(db_);
}

void Store::FlushLoop() {
  std::unique_lock lock(counts_mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, flush_interval_, [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    (void)Flush();  // a failed flush keeps the counts for the next try
    lock.lock();
  }
}

void Store::CountCheck(const std::string& verdict, const std::vector<std::string>& scams,
                       const std::vector<std::string>& flags) {
  std::string day = UtcDay();
  std::lock_guard lock(counts_mutex_);
  ++pending_[{day, "check", ""}];
  ++pending_[{day, "verdict", verdict}];
  for (const auto& s : scams) ++pending_[{day, "scam", s}];
  for (const auto& f : flags) ++pending_[{day, "flag", f}];
}

Status Store::Flush() {
  decltype(pending_) batch;
  {
    std::lock_guard lock(counts_mutex_);
    batch.swap(pending_);
  }
  if (batch.empty()) return Status::Ok();
  std::lock_guard db_lock(db_mutex_);
  auto put_back = [&] {
    std::lock_guard lock(counts_mutex_);
    for (const auto& [key, n] : batch) pending_[key] += n;
  };
  if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
    put_back();
    return SqlError(db_, "cannot write the counts");
  }
  Statement upsert(db_,
                   "INSERT INTO daily_counts (day, kind, key, n) VALUES (?1, ?2, ?3, ?4) "
                   "ON CONFLICT (day, kind, key) DO UPDATE SET n = n + excluded.n");
  bool ok = upsert.ok();
  for (const auto& [key, n] : batch) {
    if (!ok) break;
    const auto& [day, kind, name] = key;
    sqlite3_bind_text(upsert.get(), 1, day.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(upsert.get(), 2, kind.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(upsert.get(), 3, name.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(upsert.get(), 4, n);
    ok = sqlite3_step(upsert.get()) == SQLITE_DONE;
    sqlite3_reset(upsert.get());
  }
  if (!ok || sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
    Status error = SqlError(db_, "cannot write the counts");
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    put_back();
    return error;
  }
  return Status::Ok();
}

StatusOr<int64_t> Store::AddUserReport(const UserReport& r) {
  std::lock_guard db_lock(db_mutex_);
  if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
    return SqlError(db_, "the report could not be stored");
  auto fail = [&] {
    Status error = SqlError(db_, "the report could not be stored");
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    return error;
  };
  Statement insert(db_,
                   "INSERT INTO user_reports (created, channel, country, scam, text) "
                   "VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1, ?2, ?3, ?4)");
  if (!insert.ok()) return fail();
  insert.Bind(1, r.channel);
  insert.Bind(2, r.country);
  insert.Bind(3, r.scam);
  insert.Bind(4, r.text);
  if (sqlite3_step(insert.get()) != SQLITE_DONE) return fail();
  int64_t id = sqlite3_last_insert_rowid(db_);
  Statement contact(db_, "INSERT INTO user_report_contacts (report_id, kind, value) VALUES (?1, ?2, ?3)");
  if (!contact.ok()) return fail();
  for (const auto& c : r.contacts) {
    sqlite3_bind_int64(contact.get(), 1, id);
    contact.Bind(2, c.kind);
    contact.Bind(3, c.value);
    if (sqlite3_step(contact.get()) != SQLITE_DONE) return fail();
    sqlite3_reset(contact.get());
  }
  if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) return fail();
  return id;
}

StatusOr<nlohmann::json> Store::Stats(int days) {
  REDFLAG_RETURN_IF_ERROR(Flush());
  std::string since = UtcDay(std::chrono::system_clock::now() - std::chrono::hours(24) * (days - 1));
  std::lock_guard db_lock(db_mutex_);
  Statement query(db_, "SELECT day, kind, key, n FROM daily_counts WHERE day >= ?1 ORDER BY day, kind, key");
  if (!query.ok()) return SqlError(db_, "cannot read the counts");
  query.Bind(1, since);
  nlohmann::json by_day = nlohmann::json::array();
  nlohmann::json scams = nlohmann::json::object(), flags = nlohmann::json::object();
  int64_t checks = 0;
  int rc;
  while ((rc = sqlite3_step(query.get())) == SQLITE_ROW) {
    std::string day = Text(query.get(), 0), kind = Text(query.get(), 1), key = Text(query.get(), 2);
    int64_t n = sqlite3_column_int64(query.get(), 3);
    if (by_day.empty() || by_day.back()["day"] != day)
      by_day.push_back({{"day", day}, {"checks", 0}, {"verdicts", nlohmann::json::object()},
                        {"scams", nlohmann::json::object()}, {"red_flags", nlohmann::json::object()}});
    nlohmann::json& d = by_day.back();
    if (kind == "check") {
      d["checks"] = n;
      checks += n;
    } else if (kind == "verdict") {
      d["verdicts"][key] = n;
    } else if (kind == "scam") {
      d["scams"][key] = n;
      scams[key] = scams.value(key, int64_t{0}) + n;
    } else if (kind == "flag") {
      d["red_flags"][key] = n;
      flags[key] = flags.value(key, int64_t{0}) + n;
    }
  }
  if (rc != SQLITE_DONE) return SqlError(db_, "cannot read the counts");
  Statement reports(db_, "SELECT count(*) FROM user_reports WHERE substr(created, 1, 10) >= ?1");
  if (!reports.ok()) return SqlError(db_, "cannot count the reports");
  reports.Bind(1, since);
  int64_t user_reports = sqlite3_step(reports.get()) == SQLITE_ROW ? sqlite3_column_int64(reports.get(), 0) : 0;
  return nlohmann::json{{"since", since}, {"days", days}, {"checks", checks}, {"scams", scams},
                        {"red_flags", flags}, {"user_reports", user_reports}, {"by_day", by_day}};
}

}  // namespace redflag::serve
