// The conversation report as JSON, "redflag.conversation/1" (README, "Chats,
// calls and conversations"): the verdict on the whole conversation, its
// participants, the turn, the conversation's own red flags, and one entry per
// message embedding that message's "redflag.report/1".
#ifndef REDFLAG_CONVERSATION_CONVERSATION_JSON_H_
#define REDFLAG_CONVERSATION_CONVERSATION_JSON_H_

#include <string>

#include "conversation/analyze.h"

namespace redflag {

std::string ConversationJson(const ConversationReport& report, bool pretty = false);

// "2023-12-31T21:41:05" from seconds since 1970 (the export's own time zone).
std::string FormatLocalTime(int64_t seconds);

}  // namespace redflag

#endif  // REDFLAG_CONVERSATION_CONVERSATION_JSON_H_
