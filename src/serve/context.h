// What the request handlers share: the engine, the store and the limits.
#ifndef REDFLAG_SERVE_CONTEXT_H_
#define REDFLAG_SERVE_CONTEXT_H_

#include <httplib.h>

#include <memory>

#include "redflag/analyzer.h"
#include "serve/access_log.h"
#include "serve/admission.h"
#include "serve/api_error.h"
#include "serve/metrics.h"
#include "serve/rate_limiter.h"
#include "serve/server.h"
#include "serve/store.h"

namespace redflag::serve {

struct ServerContext {
  ServerContext(const Analyzer& a, const ServeOptions& o, std::unique_ptr<Store> s)
      : analyzer(a),
        options(o),
        store(std::move(s)),
        limiter(o.rate, o.burst),
        admission(o.max_concurrent),
        log(o.access_log) {}

  const Analyzer& analyzer;
  ServeOptions options;
  std::unique_ptr<Store> store;
  Metrics metrics;
  RateLimiter limiter;
  Admission admission;
  AccessLog log;
};

void SendJson(httplib::Response& res, std::string json, int status = 200);
void SendError(httplib::Response& res, const ApiError& error);

// The /v1 endpoints.
void RegisterApiRoutes(httplib::Server& http, ServerContext& context);

}  // namespace redflag::serve

#endif  // REDFLAG_SERVE_CONTEXT_H_
