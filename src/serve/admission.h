// At most N analyses at once. Past that a request is turned away at once
// (503) instead of queueing: a fast "try again" beats a slow timeout.
#ifndef REDFLAG_SERVE_ADMISSION_H_
#define REDFLAG_SERVE_ADMISSION_H_

#include <atomic>

namespace redflag::serve {

class Admission {
 public:
  explicit Admission(int limit) : limit_(limit) {}

  // RAII ticket; admitted() says whether the request may proceed.
  class Ticket {
   public:
    explicit Ticket(Admission* a) : a_(a), admitted_(a->in_flight_.fetch_add(1) < a->limit_) {}
    ~Ticket() { a_->in_flight_.fetch_sub(1); }
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;
    bool admitted() const { return admitted_; }

   private:
    Admission* a_;
    bool admitted_;
  };

  int in_flight() const { return in_flight_.load(); }
  int limit() const { return limit_; }

 private:
  int limit_;
  std::atomic<int> in_flight_{0};
};

}  // namespace redflag::serve

#endif  // REDFLAG_SERVE_ADMISSION_H_
