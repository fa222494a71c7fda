// Detection quality on labelled messages (`redflag eval`): what the analyser
// said about each row against its label (scam | spam | ham), overall and per
// group (data set, language, channel or label).
//   scam recall         share of scam rows warned (verdict scam or suspicious)
//   strict scam recall  share of scam rows given verdict scam
//   false-alarm rate    share of ham rows warned
//   precision           warned scam rows / (warned scam + warned ham rows); spam
//                       rows are left out, as most data sets lump scams into spam
//   F1                  of that precision and scam recall
//   spam warned         share of spam rows warned
//   evidence            share of warned reports whose every red flag quotes evidence
//   named               share of warned scam rows whose report names the known scam it matches
#ifndef REDFLAG_EVAL_EVAL_H_
#define REDFLAG_EVAL_EVAL_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "redflag/report.h"

namespace redflag {

enum class Label { kScam, kSpam, kHam };

// The text as if every data set carried every corpus's cues at once: lower
// case (Super SMS), each digit written X (SpamHunter), no e-mail addresses
// (Nazario's one recipient). A model that learnt the corpora, not the scams,
// does worse on it (`redflag eval --without-cues`).
std::string WithoutCorpusCues(const std::string& text);
// False for anything but "scam", "spam", "ham".
bool ParseLabel(const std::string& text, Label* label);

struct EvalCounts {
  // [label][verdict]: labels scam, spam, ham; verdicts scam, suspicious, no_red_flags.
  int64_t confusion[3][3] = {};
  int64_t warned = 0, warned_with_evidence = 0;
  int64_t scam_warned_named = 0;  // scam rows warned with a known scam named

  int64_t rows(Label l) const;
  int64_t ScamWarned() const;  // scam rows given scam or suspicious
  double ScamRecall() const;
  double StrictScamRecall() const;
  double FalseAlarmRate() const;
  double Precision() const;
  double F1() const;
  double SpamWarned() const;
  double EvidenceShare() const;  // 1 when nothing was warned
  double NamedShare() const;     // of the warned scam rows; 0 when none was warned
};

struct EvalExample {
  std::string id, dataset, text;
  int risk;
  Verdict verdict;
};

class Evaluation {
 public:
  // `by`: "" (overall only), "dataset", "lang", "channel" or "label".
  // `keep_errors`: how many of the worst misses and false alarms to keep, with their texts.
  Evaluation(std::string by, size_t keep_errors) : by_(std::move(by)), keep_(keep_errors) {}

  // `group` is the row's value of the `by` field ("" when absent).
  void Add(Label label, const std::string& group, const std::string& id, const std::string& dataset,
           const std::string& text, const Report& report);
  void AddFailure() { ++failures_; }

  const EvalCounts& overall() const { return overall_; }
  const std::map<std::string, EvalCounts>& groups() const { return groups_; }
  const std::vector<EvalExample>& misses() const { return misses_; }        // worst first
  const std::vector<EvalExample>& false_alarms() const { return false_alarms_; }
  int64_t failures() const { return failures_; }

  nlohmann::ordered_json ToJson() const;
  std::string ToText() const;
  std::string ToMarkdown() const;  // the README's table

 private:
  std::string by_;
  size_t keep_;
  EvalCounts overall_;
  std::map<std::string, EvalCounts> groups_;
  std::vector<EvalExample> misses_, false_alarms_;
  int64_t failures_ = 0;
};

}  // namespace redflag

#endif  // REDFLAG_EVAL_EVAL_H_
