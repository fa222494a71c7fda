#include "serve/server.h"

#include <chrono>

#include "serve/context.h"
#include "serve/web_assets.h"

namespace redflag::serve {
namespace {

using httplib::Request;
using httplib::Response;
using Clock = std::chrono::steady_clock;

// When the request on this thread started (httplib serves a request on one thread).
thread_local Clock::time_point request_start;

// The page loads nothing from elsewhere; nothing may frame it.
const httplib::Headers kSecurityHeaders = {
    {"Content-Security-Policy",
     "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
     "manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
    {"X-Frame-Options", "DENY"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
    {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
    {"Cache-Control", "no-store"},
};

std::string ErrorMessage(const Request& req, int status, size_t max_body) {
  switch (status) {
    case 404: return "nothing at " + req.method + " " + req.path.substr(0, 100) + " (see /openapi.json)";
    case 405: return req.method + " is not allowed on " + req.path.substr(0, 100) + " (see /openapi.json)";
    case 413: return "the body is over the limit of " + std::to_string(max_body) + " bytes";
    case 400: return "the request could not be read";
    default: return "the request failed";
  }
}

void ServeAsset(Response& res, const std::string& path) {
  const WebAsset* asset = FindWebAsset(path);
  if (asset == nullptr) {
    res.status = 404;  // the error handler writes the JSON
    return;
  }
  res.headers.erase("Cache-Control");  // the page may be cached if revalidated; API answers may not
  res.set_header("Cache-Control", "no-cache");
  res.set_content(asset->data.data(), asset->data.size(), asset->content_type);
}

}  // namespace

class Server::Impl {
 public:
  Impl(const Analyzer& analyzer, const ServeOptions& options, std::unique_ptr<Store> store)
      : ctx_(analyzer, options, std::move(store)) {
    Configure();
  }

  StatusOr<int> Bind() {
    const ServeOptions& o = ctx_.options;
    if (o.port == 0) {
      int port = http_.bind_to_any_port(o.host);
      if (port <= 0) return Internal("cannot listen on " + o.host + " (any port)");
      return port;
    }
    if (!http_.bind_to_port(o.host, o.port))
      return Internal("cannot listen on " + o.host + ":" + std::to_string(o.port) + " (in use, or not allowed)");
    return o.port;
  }
  void Run() { http_.listen_after_bind(); }
  void Stop() { http_.stop(); }

 private:
  void Configure() {
    const ServeOptions& o = ctx_.options;
    int threads = std::max(2, o.threads);
    http_.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
    http_.set_payload_max_length(o.max_body);
    http_.set_read_timeout(o.timeout);
    http_.set_write_timeout(o.timeout);
    http_.set_tcp_nodelay(true);  // else Nagle and delayed ACKs add 40 ms to every answer
    http_.set_keep_alive_timeout(5);
    http_.set_keep_alive_max_count(100000);
    http_.set_default_headers(kSecurityHeaders);

    http_.set_pre_routing_handler([](const Request&, Response&) {
      request_start = Clock::now();
      return httplib::Server::HandlerResponse::Unhandled;
    });
    // Counted and logged just before the answer is written, so a client that
    // reads /metrics next sees its previous request.
    http_.set_post_routing_handler([this](const Request& req, Response& res) {
      double seconds = std::chrono::duration<double>(Clock::now() - request_start).count();
      std::string route = RouteLabel(req.method, req.path);
      ctx_.metrics.ObserveRequest(route, res.status, seconds);
      ctx_.log.Write(route, res.status, seconds, req.remote_addr);
    });
    // Statuses httplib sets itself (404, 413, 400, ...) get the same JSON as ours.
    http_.set_error_handler(httplib::Server::HandlerWithResponse([this](const Request& req, Response& res) {
      if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
      // A path we serve, asked with another method.
      std::string route = RouteLabel(req.method, req.path);
      if (res.status == 404 && !route.ends_with(" /v1/other") && !route.ends_with(" /static")) res.status = 405;
      SendError(res, {res.status, DefaultErrorCode(res.status), ErrorMessage(req, res.status, ctx_.options.max_body),
                      ""});
      return httplib::Server::HandlerResponse::Handled;
    }));
    http_.set_exception_handler([](const Request&, Response& res, std::exception_ptr) {
      SendError(res, {500, "internal", "something went wrong on our side", ""});
    });

    RegisterApiRoutes(http_, ctx_);
    http_.Get("/healthz", [](const Request&, Response& res) {
      SendJson(res, std::string("{\"status\":\"ok\",\"version\":\"") + Version() + "\"}");
    });
    http_.Get("/metrics", [this](const Request&, Response& res) {
      res.set_content(ctx_.metrics.Prometheus(ctx_.admission.in_flight()), "text/plain; version=0.0.4");
    });
    http_.Get("/", [](const Request&, Response& res) { ServeAsset(res, "index.html"); });
    http_.Get(R"(/((?:[a-z0-9_-]+/)*[a-z0-9_-]+\.[a-z0-9]+))",
              [](const Request& req, Response& res) { ServeAsset(res, req.matches[1]); });
  }

  ServerContext ctx_;
  httplib::Server http_;
};

StatusOr<std::unique_ptr<Server>> Server::Create(const Analyzer& analyzer, const ServeOptions& options) {
  auto store = Store::Open(options.db, options.flush_interval);
  if (!store.ok()) return store.status();
  return std::unique_ptr<Server>(new Server(std::make_unique<Impl>(analyzer, options, std::move(*store))));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;
StatusOr<int> Server::Bind() { return impl_->Bind(); }
void Server::Run() { impl_->Run(); }
void Server::Stop() { impl_->Stop(); }

}  // namespace redflag::serve
