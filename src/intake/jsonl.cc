#include "intake/jsonl.h"

#include <simdjson.h>

#include <algorithm>
#include <cstring>

namespace redflag {

// Takes what the stream has already read, never more: asking for a full block would wait on a pipe
// until 64 KiB arrive, and hold back the lines of a live stream.
bool LineReader::Refill() {
  std::streambuf* buf = in_.rdbuf();
  begin_ = end_ = 0;
  if (buf->sgetc() == std::char_traits<char>::eof()) return false;  // reads once if need be
  std::streamsize ready =
      std::clamp<std::streamsize>(buf->in_avail(), 1, static_cast<std::streamsize>(buffer_.size()));
  end_ = static_cast<size_t>(buf->sgetn(buffer_.data(), ready));
  return end_ > 0;
}

bool LineReader::LineReady() const {
  if (std::memchr(buffer_.data() + begin_, '\n', end_ - begin_) != nullptr) return true;
  return in_.rdbuf()->in_avail() > 0;
}

bool LineReader::Next(std::string* line, bool* too_long) {
  line->clear();
  *too_long = false;
  bool any = false;
  while (begin_ < end_ || Refill()) {
    any = true;
    const char* start = buffer_.data() + begin_;
    const auto* newline = static_cast<const char*>(std::memchr(start, '\n', end_ - begin_));
    size_t length = newline ? static_cast<size_t>(newline - start) : end_ - begin_;
    size_t room = max_ - std::min(max_, line->size());
    if (length > room) *too_long = true;
    line->append(start, std::min(length, room));
    begin_ += length;
    if (newline) {
      ++begin_;
      break;
    }
  }
  if (!any) return false;
  if (!line->empty() && line->back() == '\r') line->pop_back();
  ++line_number_;
  return true;
}

namespace {

// The string under `key`: a value of another type "must be a string"; a string that does not decode
// (a lone surrogate "\ud800", a bad escape) says why.
Status ReadString(simdjson::ondemand::value& value, std::string_view key, std::string_view* out) {
  auto error = value.get_string().get(*out);
  if (!error) return Status::Ok();
  std::string quoted = std::string("'").append(key).append("'");  // not "'" + key: GCC 12 warns (-Wrestrict)
  return InvalidArgument(error == simdjson::INCORRECT_TYPE
                             ? quoted + " must be a string"
                             : "invalid JSON string in " + quoted + ": " + error_message(error));
}

}  // namespace

struct JsonlParser::Impl {
  simdjson::ondemand::parser parser;
};

JsonlParser::JsonlParser() : impl_(std::make_unique<Impl>()) {}
JsonlParser::~JsonlParser() = default;

StatusOr<JsonlRecord> JsonlParser::Parse(const std::string& line) {
  using namespace simdjson;
  padded_string padded(line);
  ondemand::document doc;
  if (auto error = impl_->parser.iterate(padded).get(doc); error)
    return InvalidArgument(std::string("invalid JSON: ") + error_message(error));
  ondemand::object object;
  if (auto error = doc.get_object().get(object); error) return InvalidArgument("invalid JSON: a line must hold one JSON object");
  JsonlRecord record;
  bool has_text = false;
  for (auto field : object) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return InvalidArgument("invalid JSON: bad key");
    ondemand::value value = field.value();
    if (key == "id") {
      ondemand::json_type type;
      if (value.type().get(type)) return InvalidArgument("invalid JSON in 'id'");
      std::string_view raw;
      if (type == ondemand::json_type::string) {
        if (value.get_string().get(raw)) return InvalidArgument("invalid JSON in 'id'");
      } else {
        raw = value.raw_json_token();
        while (!raw.empty() && raw.back() == ' ') raw.remove_suffix(1);
      }
      record.id = std::string(raw);
      continue;
    }
    std::string* target = key == "text"      ? &record.message.text
                          : key == "from"    ? &record.message.from
                          : key == "subject" ? &record.message.subject
                          : key == "country" ? &record.message.country
                          : key == "lang"    ? &record.message.lang
                          : key == "label"   ? &record.label
                          : key == "dataset" ? &record.dataset
                          : key == "time"    ? &record.time
                                             : nullptr;
    if (key == "channel") {
      std::string_view name;
      if (Status read = ReadString(value, key, &name); !read.ok()) return read;
      // Corpora say "chat" for an unnamed messaging app.
      auto channel = name == "chat" ? std::optional<Channel>(Channel::kOther) : ParseChannel(name);
      if (!channel) return InvalidArgument("unknown channel '" + std::string(name) +
                                           "' (sms, whatsapp, telegram, email, call, other)");
      record.message.channel = *channel;
      continue;
    }
    if (target == nullptr) continue;  // other fields are the caller's own
    ondemand::json_type type;
    if (value.type().get(type)) return InvalidArgument("invalid JSON in '" + std::string(key) + "'");
    if (type == ondemand::json_type::null) continue;
    std::string_view s;
    if (Status read = ReadString(value, key, &s); !read.ok()) return read;
    target->assign(s);
    if (key == "text") has_text = true;
  }
  if (!has_text) return InvalidArgument("missing 'text'");
  return record;
}

}  // namespace redflag
