// The conversation report as a person reads it: the verdict, where the
// conversation turned, why (the conversation's own red flags, each pointing at
// a message), who is who, the messages with their stages, and then the full
// report of the riskiest message with what to do and where to report it.
#ifndef REDFLAG_CONVERSATION_CONVERSATION_TEXT_H_
#define REDFLAG_CONVERSATION_CONVERSATION_TEXT_H_

#include <string>

#include "conversation/analyze.h"
#include "redflag/knowledge.h"

namespace redflag {

std::string RenderConversationText(const ConversationReport& report, const KnowledgeBase& kb, bool color);

}  // namespace redflag

#endif  // REDFLAG_CONVERSATION_CONVERSATION_TEXT_H_
