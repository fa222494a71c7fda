// libFuzzer target: the whole analysis of one message, as `check` and the API
// run it, on any bytes. It must return a report or a clear error, never crash,
// and every report must keep the contract of README's "The report": each red
// flag has evidence, and each piece of evidence is the exact slice of the field
// it names. Offsets go through normalisation's offset map, so odd Unicode
// (combining marks, confusables, invisible characters) is where they could slip.
//
// Input: byte 0 picks the channel, byte 1 the reader's country; the rest is
// text, then sender, then subject, separated by NUL bytes. From byte 0 = 0xf0
// up, the rest is a WhatsApp export (even) or a call transcript (odd) instead,
// judged as a conversation: its evidence points into one message's text.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "conversation/analyze.h"
#include "conversation/conversation_json.h"
#include "intake/call_transcript.h"
#include "intake/chat_export.h"
#include "redflag/analyzer.h"
#include "report/report_json.h"

namespace {

void Require(bool ok) {
  if (!ok) __builtin_trap();
}

const redflag::Analyzer& TheAnalyzer() {
  static const std::unique_ptr<redflag::Analyzer> analyzer = [] {
    auto kb = redflag::LoadEmbeddedKnowledge();
    Require(kb.ok());
    redflag::AnalyzerOptions options;
    options.cache_dir = redflag::DefaultCacheDir();  // the first run compiles for half a minute
    options.max_message_bytes = 64 << 10;
    auto created = redflag::Analyzer::Create(*kb, options);
    Require(created.ok());
    return std::move(*created);
  }();
  return *analyzer;
}

// The part of `rest` before the next NUL; `rest` moves past it.
std::string NextPart(std::string_view* rest) {
  size_t nul = rest->find('\0');
  std::string part(rest->substr(0, nul));
  rest->remove_prefix(nul == std::string_view::npos ? rest->size() : nul + 1);
  return part;
}

const std::string& FieldOf(const redflag::Message& m, redflag::Field field) {
  switch (field) {
    case redflag::Field::kFrom:
      return m.from;
    case redflag::Field::kSubject:
      return m.subject;
    case redflag::Field::kHeaders:
      return m.headers;
    case redflag::Field::kText:
      break;
  }
  return m.text;
}

// Evidence is exactly field[start, end).
void RequireSlice(const std::string& field, uint32_t start, uint32_t end, const std::string& text) {
  Require(start <= end && end <= field.size());
  Require(field.compare(start, end - start, text) == 0);
}

void RequireSlice(const redflag::Message& m, const redflag::Evidence& e) {
  RequireSlice(FieldOf(m, e.field), e.start, e.end, e.text);
}

void CheckConversation(uint8_t kind, std::string_view bytes) {
  redflag::ConversationLimits limits;
  limits.max_messages = 50;
  limits.max_total_bytes = 64 << 10;
  limits.max_message_bytes = 4096;
  auto parsed = kind % 2 == 0 ? redflag::ParseChatExport(bytes, limits, "fuzz.txt")
                              : redflag::ParseCallTranscript(bytes, limits, "fuzz.txt");
  if (!parsed.ok()) return;
  redflag::ConversationReport report = redflag::AnalyzeConversation(TheAnalyzer(), *parsed);
  const auto& messages = report.conversation.messages;
  Require(report.messages.size() == messages.size());
  Require(report.risk >= 0 && report.risk <= 100);
  Require(!report.turn || *report.turn < messages.size());
  Require(!report.riskiest || *report.riskiest < messages.size());
  for (const redflag::ConversationFlag& flag : report.red_flags) {
    Require(!flag.evidence.empty());
    for (const redflag::ConversationEvidence& e : flag.evidence) {
      Require(e.message < messages.size());
      RequireSlice(messages[e.message].text, e.start, e.end, e.text);
    }
  }
  for (size_t i = 0; i < messages.size(); ++i) {
    if (!report.messages[i].report) continue;
    for (const redflag::RedFlag& flag : report.messages[i].report->red_flags)
      for (const redflag::Evidence& e : flag.evidence)
        if (e.field == redflag::Field::kText) RequireSlice(messages[i].text, e.start, e.end, e.text);
  }
  auto json = nlohmann::json::parse(redflag::ConversationJson(report), nullptr, /*allow_exceptions=*/false);
  Require(!json.is_discarded());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  TheAnalyzer();  // compile (or load) before the first input, not inside its time limit
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  if (data[0] >= 0xf0) {
    CheckConversation(data[0], std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
    return 0;
  }
  static constexpr redflag::Channel kChannels[] = {redflag::Channel::kUnknown,  redflag::Channel::kSms,
                                                   redflag::Channel::kWhatsApp, redflag::Channel::kTelegram,
                                                   redflag::Channel::kEmail,    redflag::Channel::kCall,
                                                   redflag::Channel::kOther};
  static constexpr const char* kCountries[] = {"", "PK", "GB", "US", "FR", "IN", "ZZ", "gb"};
  redflag::Message m;
  m.channel = kChannels[data[0] % std::size(kChannels)];
  m.country = kCountries[data[1] % std::size(kCountries)];
  std::string_view rest(reinterpret_cast<const char*>(data) + 2, size - 2);
  m.text = NextPart(&rest);
  m.from = NextPart(&rest);
  m.subject = NextPart(&rest);

  auto report = TheAnalyzer().Analyze(m);
  if (!report.ok()) {
    Require(!report.status().message().empty());
    return 0;
  }
  Require(report->risk >= 0 && report->risk <= 100);
  Require(report->verdict == redflag::Verdict::kNoRedFlags || !report->red_flags.empty());
  for (const redflag::RedFlag& flag : report->red_flags) {
    Require(!flag.id.empty() && !flag.evidence.empty());
    for (const redflag::Evidence& e : flag.evidence) RequireSlice(m, e);
  }
  for (const redflag::BrandMention& brand : report->brands)
    for (const redflag::Evidence& e : brand.evidence) RequireSlice(m, e);
  for (const redflag::ContactVerdict& c : report->contacts) {
    const std::string& field = FieldOf(m, c.field);
    Require(c.start <= c.end && c.end <= field.size());
  }
  auto json = nlohmann::json::parse(redflag::ReportJson(*report), nullptr, /*allow_exceptions=*/false);
  Require(!json.is_discarded() && json.value("schema", "") == "redflag.report/1");

  // The same bytes as a contact point to verify: an answer or a clear error.
  auto verdict = TheAnalyzer().Verify({.value = m.text});
  if (verdict.ok())
    Require(verdict->verdict == "official" || verdict->verdict == "lookalike" ||
            verdict->verdict == "unknown");
  else
    Require(!verdict.status().message().empty());
  return 0;
}
