// Parses and validates knowledge files into a KnowledgeBase.
#ifndef REDFLAG_KNOWLEDGE_LOADER_H_
#define REDFLAG_KNOWLEDGE_LOADER_H_

#include <string>
#include <vector>

#include "knowledge/source_file.h"
#include "redflag/knowledge.h"

namespace redflag {

// Parses every file. Each problem ("file:line: reason") is appended to
// `problems`; a file with a problem is skipped, the others still load.
KnowledgeBase ParseKnowledge(const std::vector<SourceFile>& files, std::vector<std::string>* problems);

}  // namespace redflag

#endif  // REDFLAG_KNOWLEDGE_LOADER_H_
