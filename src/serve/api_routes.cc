// The /v1 endpoints. Each handler reads its request, asks the engine or the
// store, and answers JSON; the checks every /v1 request passes (rate limit,
// content type) are in Guarded().
#include <algorithm>
#include <cctype>

#include "conversation/analyze.h"
#include "conversation/conversation_json.h"
#include "intake/call_transcript.h"
#include "intake/chat_export.h"
#include "intake/input.h"
#include "report/json.h"
#include "report/report_json.h"
#include "serve/context.h"
#include "serve/requests.h"

namespace redflag::serve {
namespace {

using httplib::Request;
using httplib::Response;

bool IsJson(const Request& req) {
  std::string type = req.get_header_value("Content-Type");
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
  return type.rfind("application/json", 0) == 0;
}

// Wraps a /v1 handler with the per-client rate limit and, for POST, the content
// type: JSON, or for `uploads` also multipart/form-data (a file to check).
httplib::Server::Handler Guarded(ServerContext& ctx, bool post, httplib::Server::Handler handler,
                                 bool uploads = false) {
  return [&ctx, post, uploads, handler](const Request& req, Response& res) {
    if (!ctx.limiter.Allow(req.remote_addr)) {
      ctx.metrics.CountRejected("rate_limited");
      res.set_header("Retry-After", std::to_string(ctx.limiter.RetryAfterSeconds()));
      return SendError(res, {429, "rate_limited", "too many requests from your address; try again shortly", ""});
    }
    if (post && !IsJson(req) && !(uploads && req.is_multipart_form_data()))
      return SendError(res, {415, "unsupported_media_type",
                             std::string(uploads ? "send JSON (Content-Type: application/json) or a file as "
                                                   "multipart/form-data"
                                                 : "send the body as JSON with Content-Type: application/json") +
                                 " (got '" +
                                 req.get_header_value("Content-Type").substr(0, 60) + "')",
                             ""});
    handler(req, res);
  };
}

// Language of a GET's texts: ?lang=, default English.
bool QueryLang(const Request& req, Response& res, std::string* lang) {
  *lang = req.has_param("lang") ? req.get_param_value("lang") : "en";
  if (auto e = CheckLang(*lang, "lang")) {
    SendError(res, *e);
    return false;
  }
  if (lang->empty()) *lang = "en";
  return true;
}

// Counts a checked message or conversation in the store and the metrics: its
// verdict, scams and red flags, never its text.
template <typename AnyReport>
void Count(ServerContext& ctx, const AnyReport& report) {
  std::vector<std::string> scams, flags;
  for (const auto& s : report.scams) scams.push_back(s.id);
  for (const auto& f : report.red_flags) flags.push_back(f.id);
  std::string verdict(VerdictName(report.verdict));
  ctx.store->CountCheck(verdict, scams, flags);
  ctx.metrics.CountVerdict(verdict);
}

// An uploaded file: a chat export (.txt or .zip), a call transcript, an email
// (.eml) or a screenshot, read as `redflag check --file` reads it. Form fields
// `input`, `channel`, `from`, `subject`, `country` and `lang` are optional.
void CheckUpload(ServerContext& ctx, const Request& req, Response& res) {
  if (!req.has_file("file"))
    return SendError(res, {422, "invalid_field", "file: a multipart upload needs a part named 'file'", "file"});
  httplib::MultipartFormData file = req.get_file_value("file");
  auto field = [&](const char* name) { return req.has_file(name) ? req.get_file_value(name).content : std::string(); };
  std::string name = file.filename.empty() ? "upload" : file.filename;
  InputKind kind = InputKind::kAuto;
  if (std::string input = field("input"); !input.empty()) {
    auto parsed = ParseInputKind(input);
    if (!parsed) return SendError(res, {422, "invalid_field", "input: one of auto, text, chat, call, eml, image", "input"});
    kind = *parsed;
  }
  if (kind == InputKind::kAuto)
    kind = DetectInputKind(name, std::string_view(file.content).substr(0, std::min(file.content.size(), kSniffBytes)));
  std::string channel = field("channel"), country = field("country"), lang = field("lang");
  if (!channel.empty() && !ParseChannel(channel))
    return SendError(res, {422, "invalid_field", "channel: one of sms, whatsapp, telegram, email, call, other", "channel"});
  if (auto e = CheckLang(lang, "lang")) return SendError(res, *e);
  if (!country.empty() && (country.size() != 2 || !std::isalpha(static_cast<unsigned char>(country[0])) ||
                           !std::isalpha(static_cast<unsigned char>(country[1]))))
    return SendError(res, {422, "invalid_field", "country: a two-letter code such as PK or GB", "country"});

  if (kind == InputKind::kChat || kind == InputKind::kCall) {
    ConversationLimits limits;
    StatusOr<Conversation> conversation =
        kind == InputKind::kCall   ? ParseCallTranscript(file.content, limits, name)
        : IsZip(file.content)      ? ParseChatExportZip(file.content, limits, name)
                                   : ParseChatExport(file.content, limits, name);
    if (!conversation.ok()) return SendError(res, FromStatus(conversation.status(), "file"));
    ConversationReport report = AnalyzeConversation(ctx.analyzer, std::move(*conversation), {country, lang});
    Count(ctx, report);
    return SendJson(res, ConversationJson(report));
  }
  Message message;
  if (kind == InputKind::kEml || kind == InputKind::kImage) {
    auto read = ReadSingleMessageInput(kind, file.content, name);
    if (!read.ok()) return SendError(res, FromStatus(read.status(), "file"));
    message = std::move(*read);
  } else {
    message.text = std::move(file.content);
  }
  if (!channel.empty()) message.channel = *ParseChannel(channel);
  if (std::string from = field("from"); !from.empty()) message.from = from;
  if (std::string subject = field("subject"); !subject.empty()) message.subject = subject;
  message.country = country;
  message.lang = lang;
  auto report = ctx.analyzer.Analyze(message);
  if (!report.ok()) return SendError(res, FromStatus(report.status(), "file"));
  Count(ctx, *report);
  SendJson(res, ReportJson(*report));
}

void Check(ServerContext& ctx, const Request& req, Response& res) {
  Admission::Ticket ticket(&ctx.admission);
  if (!ticket.admitted()) {
    ctx.metrics.CountRejected("busy");
    res.set_header("Retry-After", "1");
    return SendError(res, {503, "busy", "the service is busy; try again in a moment", ""});
  }
  if (req.is_multipart_form_data()) return CheckUpload(ctx, req, res);
  Message message;
  if (auto e = ParseCheckRequest(req.body, &message)) return SendError(res, *e);
  auto report = ctx.analyzer.Analyze(message);
  if (!report.ok()) return SendError(res, FromStatus(report.status(), "text"));
  Count(ctx, *report);
  SendJson(res, ReportJson(*report));
}

void Verify(ServerContext& ctx, const Request& req, Response& res) {
  ContactQuery query;
  if (auto e = ParseVerifyRequest(req.body, &query)) return SendError(res, *e);
  auto verdict = ctx.analyzer.Verify(query);
  if (!verdict.ok()) return SendError(res, FromStatus(verdict.status(), "value"));
  SendJson(res, ContactJson(*verdict));
}

void Brands(ServerContext& ctx, const Request&, Response& res) {
  nlohmann::json list = nlohmann::json::array();
  for (const Brand& b : ctx.analyzer.knowledge().brands)
    list.push_back({{"id", b.id}, {"name", b.name}, {"category", b.category}, {"last_reviewed", b.last_reviewed}});
  SendJson(res, nlohmann::json{{"brands", list}}.dump());
}

void OneBrand(ServerContext& ctx, const Request& req, Response& res) {
  std::string id = req.matches[1];
  if (req.has_param("channel")) {
    auto facts = ctx.analyzer.BrandChannelFacts(id, req.get_param_value("channel"));
    if (!facts.ok()) return SendError(res, FromStatus(facts.status(), "id"));
    return SendJson(res, ChannelFactsToJson(*facts).dump());
  }
  const Brand* brand = ctx.analyzer.knowledge().FindBrand(id);
  if (brand == nullptr) return SendError(res, {404, "not_found", "no brand '" + id + "' in the knowledge base", "id"});
  SendJson(res, BrandToJson(*brand).dump());
}

void Scams(ServerContext& ctx, const Request& req, Response& res) {
  std::string lang;
  if (!QueryLang(req, res, &lang)) return;
  nlohmann::json list = nlohmann::json::array();
  for (const Scam& s : ctx.analyzer.knowledge().scams)
    list.push_back({{"id", s.id},
                    {"name", s.name.Get(lang)},
                    {"family", s.family.Get(lang)},
                    {"summary", s.summary.Get(lang)},
                    {"last_reviewed", s.last_reviewed}});
  SendJson(res, nlohmann::json{{"scams", list}}.dump());
}

void OneScam(ServerContext& ctx, const Request& req, Response& res) {
  std::string lang;
  if (!QueryLang(req, res, &lang)) return;
  std::string id = req.matches[1];
  const Scam* scam = ctx.analyzer.knowledge().FindScam(id);
  if (scam == nullptr) return SendError(res, {404, "not_found", "no scam '" + id + "' in the knowledge base", "id"});
  SendJson(res, ScamToJson(*scam, lang).dump());
}

void Countries(ServerContext& ctx, const Request& req, Response& res) {
  std::string lang;
  if (!QueryLang(req, res, &lang)) return;
  nlohmann::json list = nlohmann::json::array();
  for (const Country& c : ctx.analyzer.knowledge().countries) list.push_back(CountryToJson(c, lang));
  SendJson(res, nlohmann::json{{"countries", list}}.dump());
}

void AddReport(ServerContext& ctx, const Request& req, Response& res) {
  UserReport report;
  if (auto e = ParseUserReport(req.body, &report)) return SendError(res, *e);
  if (!report.scam.empty() && ctx.analyzer.knowledge().FindScam(report.scam) == nullptr)
    return SendError(res, {422, "invalid_field", "scam: no scam '" + report.scam + "' in the knowledge base", "scam"});
  auto id = ctx.store->AddUserReport(report);
  if (!id.ok()) return SendError(res, {500, "internal", id.status().message(), ""});
  SendJson(res, nlohmann::json{{"id", *id}, {"stored_text", !report.text.empty()}}.dump(), 201);
}

void Stats(ServerContext& ctx, const Request& req, Response& res) {
  int days = 30;
  if (req.has_param("days")) {
    std::string value = req.get_param_value("days");
    bool digits = !value.empty() && value.size() <= 3 &&
                  std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); });
    days = digits ? std::stoi(value) : 0;
    if (days < 1 || days > 366)
      return SendError(res, {422, "invalid_field", "days: a whole number from 1 to 366", "days"});
  }
  auto stats = ctx.store->Stats(days);
  if (!stats.ok()) return SendError(res, {500, "internal", stats.status().message(), ""});
  SendJson(res, stats->dump());
}

}  // namespace

void SendJson(Response& res, std::string json, int status) {
  res.status = status;
  res.set_content(std::move(json), "application/json");
}

void SendError(Response& res, const ApiError& error) { SendJson(res, ApiErrorJson(error), error.status); }

void RegisterApiRoutes(httplib::Server& http, ServerContext& ctx) {
  auto bind = [&ctx](void (*f)(ServerContext&, const Request&, Response&)) {
    return [&ctx, f](const Request& req, Response& res) { f(ctx, req, res); };
  };
  http.Post("/v1/check", Guarded(ctx, true, bind(Check), /*uploads=*/true));
  http.Post("/v1/verify", Guarded(ctx, true, bind(Verify)));
  http.Post("/v1/reports", Guarded(ctx, true, bind(AddReport)));
  http.Get("/v1/brands", Guarded(ctx, false, bind(Brands)));
  http.Get(R"(/v1/brands/([^/]+))", Guarded(ctx, false, bind(OneBrand)));
  http.Get("/v1/scams", Guarded(ctx, false, bind(Scams)));
  http.Get(R"(/v1/scams/([^/]+))", Guarded(ctx, false, bind(OneScam)));
  http.Get("/v1/countries", Guarded(ctx, false, bind(Countries)));
  http.Get("/v1/stats", Guarded(ctx, false, bind(Stats)));
}

}  // namespace redflag::serve
