// The raw knowledge files, from a folder or from the binary.
#ifndef REDFLAG_KNOWLEDGE_SOURCE_FILE_H_
#define REDFLAG_KNOWLEDGE_SOURCE_FILE_H_

#include <string>
#include <vector>

#include "redflag/status.h"

namespace redflag {

struct SourceFile {
  std::string path;  // relative to the knowledge folder, '/'-separated: "brands/dhl.yaml"
  std::string content;
};

// Every *.yaml file below `dir`, sorted by path.
StatusOr<std::vector<SourceFile>> ReadKnowledgeDir(const std::string& dir);
// The files compiled into the binary.
std::vector<SourceFile> EmbeddedKnowledgeFiles();

}  // namespace redflag

#endif  // REDFLAG_KNOWLEDGE_SOURCE_FILE_H_
