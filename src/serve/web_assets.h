// The page's files (web/), compiled into the binary so `redflag serve` needs
// nothing beside it and the page works offline.
#ifndef REDFLAG_SERVE_WEB_ASSETS_H_
#define REDFLAG_SERVE_WEB_ASSETS_H_

#include <string>
#include <string_view>

namespace redflag::serve {

struct WebAsset {
  std::string_view data;
  const char* content_type;
};

// `path` relative to web/ ("index.html", "i18n/ur.json"); nullptr when absent.
const WebAsset* FindWebAsset(const std::string& path);

}  // namespace redflag::serve

#endif  // REDFLAG_SERVE_WEB_ASSETS_H_
