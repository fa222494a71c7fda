// Campaigns and trends over many reports, for analysts who scan a feed.
//
// A campaign is a group of warned messages (scam or suspicious) that share a
// contact the registry does not know as a brand's own: a link's domain, an
// address, a number or a handle. Sharing is transitive: a number seen beside
// two domains joins the messages of both. A contact that also appears in a
// message with no red flags (a link shortener, a host anyone can use, a bank's
// own number quoted by a scam) joins nothing: it says nothing of who sent it.
// Links on such a domain are joined by the whole link instead.
//
// The input is what `redflag scan` writes, compact or not: one report or one
// error a line. Nothing of the messages' text is read or kept.
#ifndef REDFLAG_CAMPAIGNS_CAMPAIGNS_H_
#define REDFLAG_CAMPAIGNS_CAMPAIGNS_H_

#include <cstddef>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace redflag {

// A contact as a campaign key: kind is "domain", "link" (a whole link, for a
// shared domain), "email", "phone" or "handle".
struct Indicator {
  std::string kind;
  std::string value;
  bool operator<(const Indicator& o) const { return kind != o.kind ? kind < o.kind : value < o.value; }
  bool operator==(const Indicator& o) const { return kind == o.kind && value == o.value; }
};

struct CampaignOptions {
  size_t min_messages = 2;  // a smaller group is no campaign
  std::set<std::string>
      shared_domains;  // join no messages by these domains (besides those seen in genuine ones)
  // Contacts that join nothing, in lower case as the reports give them: the feed's own, such as the
  // recipient's address that every mail forwarded from one mailbox quotes. A domain here also covers its
  // subdomains' links and the addresses at it.
  std::set<std::string> ignored;
};

struct Count {
  std::string key;  // a scam id, an indicator's value, a date
  size_t messages = 0;
};

struct Campaign {
  size_t messages = 0;
  size_t scam = 0, suspicious = 0;
  std::vector<Count> scams;  // by each message's first-named scam, most first; "" = not named
  std::vector<std::pair<Indicator, size_t>> indicators;  // most shared first
  std::string first_seen, last_seen;  // ISO 8601 times as given; "" when no message had one
  std::vector<Count> days;            // messages a day (YYYY-MM-DD), in date order
  std::vector<std::string> ids;       // the first kMaxIds messages' ids, in input order
  std::vector<size_t> lines;          // and their line numbers
};

struct DayTrend {
  std::string date;  // YYYY-MM-DD
  size_t messages = 0, scam = 0, suspicious = 0;
  std::vector<Count> scams;  // warned messages by first-named scam, most first
};

// A line that could not be read as a report, or a scan error line.
struct LineProblem {
  size_t line = 0;
  std::string message;
};

struct CampaignSummary {
  size_t reports = 0, scam = 0, suspicious = 0, no_red_flags = 0;
  size_t scan_errors = 0;  // the scan's own error lines (a message it could not analyse)
  std::vector<LineProblem> first_scan_errors;
  size_t unreadable = 0;  // lines that are no report
  std::vector<LineProblem> first_unreadable;
  size_t without_time = 0, bad_time = 0;  // reports with no `time`, or one that is no ISO 8601 date
  size_t first_bad_time_line = 0;
  std::vector<Count> scams;                       // warned messages by first-named scam, most first
  std::map<std::string, std::string> scam_names;  // id -> name, as the reports give it
  std::vector<Campaign> campaigns;                // largest first
  size_t warned_in_campaigns = 0;
  std::vector<DayTrend> days;  // in date order
};

// Reads reports a line at a time; Summarize() groups them. Memory grows with the
// warned messages (their ids, scams and contacts) and the distinct contacts of
// the others, never with the text.
class CampaignBuilder {
 public:
  static constexpr size_t kMaxIds = 10;
  static constexpr size_t kMaxProblems = 20;

  CampaignBuilder();
  ~CampaignBuilder();
  CampaignBuilder(const CampaignBuilder&) = delete;
  CampaignBuilder& operator=(const CampaignBuilder&) = delete;

  // One line of scan output, numbered from 1. A line that is no report is counted and named, not dropped.
  void AddLine(const std::string& line, size_t number);
  // A line over the reader's limit.
  void AddTooLong(size_t number, size_t limit);

  CampaignSummary Summarize(const CampaignOptions& options) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace redflag

#endif  // REDFLAG_CAMPAIGNS_CAMPAIGNS_H_
