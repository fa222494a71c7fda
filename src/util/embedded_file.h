// A file compiled into the binary (see cmake/EmbedFiles.cmake).
#ifndef REDFLAG_UTIL_EMBEDDED_FILE_H_
#define REDFLAG_UTIL_EMBEDDED_FILE_H_

#include <cstddef>

namespace redflag {

struct EmbeddedFile {
  const char* path;  // relative to the embedded folder; nullptr ends the array
  const char* data;
  size_t size;
};

}  // namespace redflag

#endif  // REDFLAG_UTIL_EMBEDDED_FILE_H_
