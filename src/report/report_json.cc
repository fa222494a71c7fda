#include "report/report_json.h"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace redflag {
namespace {

template <typename W>
void Str(W& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

template <typename W>
void Field(W& w, const char* key, std::string_view value) {
  w.Key(key);
  Str(w, value);
}

template <typename W>
void OptionalField(W& w, const char* key, const std::string& value) {
  if (!value.empty()) Field(w, key, value);
}

template <typename W>
void WriteEvidence(W& w, const std::vector<Evidence>& evidence) {
  w.StartArray();
  for (const Evidence& e : evidence) {
    w.StartObject();
    Field(w, "field", FieldName(e.field));
    w.Key("start");
    w.Uint(e.start);
    w.Key("end");
    w.Uint(e.end);
    Field(w, "text", e.text);
    OptionalField(w, "note", e.note);
    w.EndObject();
  }
  w.EndArray();
}

template <typename W>
void WriteContactFields(W& w, const ContactVerdict& c, bool compact = false) {
  Field(w, "kind", c.kind);
  Field(w, "value", c.value);
  Field(w, "normalized", c.normalized);
  Field(w, "verdict", c.verdict);
  if (!compact) Field(w, "explanation", c.explanation);
  OptionalField(w, "brand", c.brand);
  if (c.verdict == "official") Field(w, "channel", c.channel);
  OptionalField(w, "imitates", c.imitates);
  OptionalField(w, "how", c.how);
  if (c.premium_rate) {
    w.Key("premium_rate");
    w.Bool(true);
  }
  if (c.short_link) {
    w.Key("short_link");
    w.Bool(true);
  }
}

template <typename W>
void WriteAdviceItems(W& w, const char* key, const std::vector<AdviceItem>& items) {
  w.Key(key);
  w.StartArray();
  for (const AdviceItem& a : items) {
    w.StartObject();
    Field(w, "text", a.text);
    OptionalField(w, "when", a.when);
    w.EndObject();
  }
  w.EndArray();
}

// Where the message came from: "text", an email ("eml") or a screenshot read by OCR ("image").
template <typename W>
void WriteInput(W& w, const InputSummary& in) {
  w.StartObject();
  Field(w, "format", in.format);
  if (in.ocr_confidence >= 0) {
    w.Key("ocr");
    w.Bool(true);
    w.Key("ocr_confidence");
    w.Double(in.ocr_confidence);
  }
  if (in.format == "eml") {
    w.Key("attachments");
    w.StartArray();
    for (const Attachment& a : in.attachments) {
      w.StartObject();
      Field(w, "name", a.name);
      Field(w, "content_type", a.content_type);
      w.Key("bytes");
      w.Uint64(a.bytes);
      w.Key("risky");
      w.Bool(a.risky);
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
}

template <typename W>
void WriteReport(W& w, const Report& r, const ReportJsonExtras& extras) {
  w.StartObject();
  if (extras.id) Field(w, "id", *extras.id);
  if (extras.line) {
    w.Key("line");
    w.Uint64(extras.line);
  }
  if (extras.time && !extras.time->empty()) Field(w, "time", *extras.time);
  Field(w, "schema", "redflag.report/1");
  Field(w, "verdict", VerdictName(r.verdict));
  w.Key("risk");
  w.Int(r.risk);
  if (!extras.compact) Field(w, "summary", r.summary);
  Field(w, "language", r.language);
  Field(w, "ui_language", r.ui_language);
  w.Key("channel");
  if (r.channel.empty()) w.Null();
  else Str(w, r.channel);
  w.Key("input");
  WriteInput(w, r.input);

  w.Key("red_flags");
  w.StartArray();
  for (const RedFlag& f : r.red_flags) {
    w.StartObject();
    Field(w, "id", f.id);
    if (!extras.compact) {
      Field(w, "title", f.title);
      Field(w, "explanation", f.explanation);
    }
    Field(w, "severity", f.severity);
    w.Key("strength");
    w.Double(f.strength);
    w.Key("evidence");
    WriteEvidence(w, f.evidence);
    w.EndObject();
  }
  w.EndArray();

  w.Key("scams");
  w.StartArray();
  for (const ScamMatch& s : r.scams) {
    w.StartObject();
    Field(w, "id", s.id);
    Field(w, "name", s.name);
    Field(w, "family", s.family);
    w.EndObject();
  }
  w.EndArray();

  w.Key("brands");
  w.StartArray();
  for (const BrandMention& b : r.brands) {
    w.StartObject();
    Field(w, "id", b.id);
    Field(w, "name", b.name);
    Field(w, "how", b.how);
    w.Key("evidence");
    WriteEvidence(w, b.evidence);
    w.EndObject();
  }
  w.EndArray();

  w.Key("contacts");
  w.StartArray();
  for (const ContactVerdict& c : r.contacts) {
    w.StartObject();
    WriteContactFields(w, c, extras.compact);
    Field(w, "field", FieldName(c.field));
    w.Key("start");
    w.Uint(c.start);
    w.Key("end");
    w.Uint(c.end);
    w.EndObject();
  }
  w.EndArray();

  if (extras.compact) {
    w.EndObject();
    return;
  }
  w.Key("advice");
  w.StartObject();
  WriteAdviceItems(w, "protect", r.advice.protect);
  WriteAdviceItems(w, "recover", r.advice.recover);
  w.Key("report");
  w.StartArray();
  for (const ReportContact& c : r.advice.report) {
    w.StartObject();
    Field(w, "name", c.name);
    OptionalField(w, "what", c.what);
    OptionalField(w, "url", c.url);
    OptionalField(w, "phone", c.phone);
    OptionalField(w, "email", c.email);
    OptionalField(w, "sms", c.sms);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.EndObject();
}

template <typename F>
std::string Write(bool pretty, F write) {
  rapidjson::StringBuffer buffer;
  if (pretty) {
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
    w.SetIndent(' ', 2);
    write(w);
  } else {
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    write(w);
  }
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

std::string ReportJson(const Report& report, bool pretty, const ReportJsonExtras& extras) {
  return Write(pretty, [&](auto& w) { WriteReport(w, report, extras); });
}

std::string ContactJson(const ContactVerdict& contact, bool pretty, size_t line) {
  return Write(pretty, [&](auto& w) {
    w.StartObject();
    if (line > 0) {
      w.Key("line");
      w.Uint64(line);
    }
    WriteContactFields(w, contact);
    w.EndObject();
  });
}

}  // namespace redflag
