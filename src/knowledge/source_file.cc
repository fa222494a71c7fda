#include "knowledge/source_file.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "util/embedded_file.h"

namespace redflag {

extern const EmbeddedFile kEmbeddedKnowledge[];

StatusOr<std::vector<SourceFile>> ReadKnowledgeDir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return KnowledgeError(dir + ": not a knowledge folder");
  std::vector<SourceFile> files;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file() || it->path().extension() != ".yaml") continue;
    std::ifstream in(it->path(), std::ios::binary);
    if (!in) return KnowledgeError(it->path().string() + ": cannot be read");
    std::ostringstream content;
    content << in.rdbuf();
    files.push_back({fs::relative(it->path(), dir).generic_string(), content.str()});
  }
  if (ec) return KnowledgeError(dir + ": " + ec.message());
  std::sort(files.begin(), files.end(),
            [](const SourceFile& a, const SourceFile& b) { return a.path < b.path; });
  return files;
}

std::vector<SourceFile> EmbeddedKnowledgeFiles() {
  std::vector<SourceFile> files;
  for (const EmbeddedFile* f = kEmbeddedKnowledge; f->path != nullptr; ++f) {
    files.push_back({f->path, std::string(f->data, f->size)});
  }
  return files;
}

}  // namespace redflag
