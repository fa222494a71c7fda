// Judge: from red flags to what a person is told. The risk score, the
// verdict, the known scams the message matches, and advice for the reader's
// country, all in the reader's language. Weights, thresholds and the
// combinations that make a scam are data (knowledge/flags.yaml, policy.yaml).
#ifndef REDFLAG_JUDGE_JUDGE_H_
#define REDFLAG_JUDGE_JUDGE_H_

#include <string>

#include "detect/findings.h"
#include "redflag/knowledge.h"
#include "redflag/message.h"
#include "redflag/report.h"

namespace redflag {

struct JudgeInput {
  const Findings* findings;
  Channel channel;
  std::string country;
  std::string lang;      // language of the explanations
  bool code_delivery;    // a genuine-looking one-time-code notice
  bool explain = true;   // false: no summary, titles, explanations or advice
};

// The strength of the red flag scam_language for the model's calibrated
// probability `p`: 0 below the probability at which the model alone warns,
// then rising so that the model alone reaches the suspicious threshold there
// and the scam threshold at `scam_at`. Rules add to it (noisy-OR) and a strong
// rule combination makes a scam whatever it says.
// Where the message looks genuine (a code notice, an official sender; policy.yaml
// says which count) only a model sure enough to call a scam counts.
struct ModelContext {
  bool code_delivery = false;    // reads like a one-time-code notice
  bool official_sender = false;  // sent from an address the registry knows as official
  bool only_official_contacts = false;  // its links, addresses and numbers are all a brand's own
};
double ModelFlagStrength(const KnowledgeBase& kb, double p, double suspicious_at, double scam_at,
                         const ModelContext& context);

// Whether any of `combinations` (policy.yaml scam_combinations, suspicious_combinations) holds in `findings`.
bool AnyCombinationHolds(const std::vector<ScamCombination>& combinations, const Findings& findings);

// Fills report: risk, verdict, summary, red_flags, scams, advice. Expects
// report->brands to be filled (it chooses scams and where to report).
void JudgeReport(const KnowledgeBase& kb, const JudgeInput& in, Report* report);

}  // namespace redflag

#endif  // REDFLAG_JUDGE_JUDGE_H_
