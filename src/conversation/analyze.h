// ConversationAnalyzer: judges a whole conversation (a chat export or a call
// transcript). Each message a person wrote goes through Analyzer::Analyze with
// the conversation's channel and its sender; then, from those reports:
//
//   stage     each message's step in a scam, from its red flags: request (code,
//             money, details, app) > isolation (secrecy, another app) >
//             pressure (urgency, threats) > problem (any other red flag); a
//             suspect's plain messages before their first request are "trust".
//   roles     "suspect": a sender with a suspicious message or a conversation
//             red flag; "reader": the one who is you ("Me:"); else "participant".
//   turn      the first message whose risk reaches the "suspicious" threshold.
//   red flags only a conversation shows (knowledge/flags.yaml):
//     behaviour_change         a sender with min_history_messages plain messages over at
//                              least min_history_days suddenly asks for a code, money,
//                              details or an install (a taken-over account)
//     conversation_escalation  one sender goes from a story or problem to a request, or
//                              from a request to secrecy or pressure
//     support_moves_chat       a sender who speaks for a brand asks to move to another app
//     fake_official_group      in a group (3+ senders), one who speaks for a brand asks for
//                              money or promises gains
//   Evidence points at a message index and a byte span of that message's text.
//
// The conversation's risk combines the riskiest message with the conversation
// flags (noisy-OR with their weights). Thread safety: like Analyzer.
#ifndef REDFLAG_CONVERSATION_ANALYZE_H_
#define REDFLAG_CONVERSATION_ANALYZE_H_

#include <optional>
#include <string>
#include <vector>

#include "conversation/conversation.h"
#include "redflag/analyzer.h"
#include "redflag/report.h"

namespace redflag {

struct ConversationOptions {
  std::string country;  // the reader's country, for where to report
  std::string lang;     // language of the explanations; "" = the messages' own
  size_t min_history_messages = 3;  // behaviour_change: plain messages before the request
  int min_history_days = 7;         // ... spread over at least this many days (when dates are known)
};

struct ConversationEvidence {
  size_t message = 0;           // index into Conversation::messages
  uint32_t start = 0, end = 0;  // byte span of that message's text
  std::string text, note;
};

struct ConversationFlag {
  std::string id, title, explanation, severity;
  double strength = 0;
  std::string participant;  // the sender who shows it
  std::vector<ConversationEvidence> evidence;  // never empty
};

struct MessageResult {
  std::optional<Report> report;  // for messages a person wrote and that could be analysed
  Status error;                  // when analysis failed (empty text, too large, ...)
  std::string stage;             // "" | trust | problem | request | isolation | pressure
};

struct Participant {
  std::string name;
  std::string role;  // suspect | reader | participant
  size_t messages = 0;
  size_t first_message = 0;
};

struct ConversationReport {
  Conversation conversation;
  Verdict verdict = Verdict::kNoRedFlags;
  int risk = 0;
  std::string summary, ui_language;
  std::vector<Participant> participants;  // in order of first message
  std::optional<size_t> turn;             // index of the message where the risk rose
  std::vector<ConversationFlag> red_flags;
  std::vector<MessageResult> messages;    // one per conversation message
  std::vector<ScamMatch> scams;           // from the messages, riskiest first, no repeats
  std::optional<size_t> riskiest;         // index of the riskiest message (its advice applies)
};

ConversationReport AnalyzeConversation(const Analyzer& analyzer, Conversation conversation,
                                       const ConversationOptions& options = {});

}  // namespace redflag

#endif  // REDFLAG_CONVERSATION_ANALYZE_H_
