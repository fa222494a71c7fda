#include "serve/web_assets.h"

#include <map>

#include "util/embedded_file.h"

namespace redflag {
extern const EmbeddedFile kEmbeddedWeb[];
}

namespace redflag::serve {
namespace {

const char* ContentType(std::string_view path) {
  auto ends = [&](std::string_view suffix) {
    return path.size() >= suffix.size() && path.substr(path.size() - suffix.size()) == suffix;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".json")) return "application/json";
  if (ends(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

const std::map<std::string, WebAsset>& Assets() {
  static const auto* assets = [] {
    auto* map = new std::map<std::string, WebAsset>;
    for (const EmbeddedFile* f = kEmbeddedWeb; f->path != nullptr; ++f)
      (*map)[f->path] = WebAsset{std::string_view(f->data, f->size), ContentType(f->path)};
    return map;
  }();
  return *assets;
}

}  // namespace

const WebAsset* FindWebAsset(const std::string& path) {
  auto it = Assets().find(path);
  return it == Assets().end() ? nullptr : &it->second;
}

}  // namespace redflag::serve
