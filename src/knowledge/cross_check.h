// The checks of a knowledge base that need every file: references between files (a scam's flags and
// brands, a country's number hint, a brand's parent, the policy's flags), unique pattern ids, and
// customer mailbox domains that no brand may also claim as its own.
#ifndef REDFLAG_KNOWLEDGE_CROSS_CHECK_H_
#define REDFLAG_KNOWLEDGE_CROSS_CHECK_H_

#include <string>
#include <vector>

#include "redflag/knowledge.h"

namespace redflag {

// Appends each problem ("file:line: reason") to `problems`.
void CrossCheck(const KnowledgeBase& kb, std::vector<std::string>* problems);

}  // namespace redflag

#endif  // REDFLAG_KNOWLEDGE_CROSS_CHECK_H_
