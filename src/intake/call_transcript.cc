#include "intake/call_transcript.h"

#include <re2/re2.h>
#include <simdjson.h>

#include <set>

namespace redflag {
namespace {

// [time] Label: text   |   Label (time): text
const RE2& LabelLine() {
  static const RE2 re(
      R"(^\s*(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s*(?:[-–]\s*)?)?([^\s:\[\]()][^:\[\]]{0,39}?)\s*(?:\(\d{1,2}:\d{2}(?::\d{2})?\))?\s*:(?:\s+(.*))?$)");
  return re;
}

bool IsLabel(std::string_view label) {
  int words = 1;
  for (char ch : label) {
    if (ch == ' ') ++words;
    if (ch == '.' || ch == '?' || ch == '!' || ch == ',' || ch == '"' || ch == '/' || ch == '=') return false;
  }
  if (label.starts_with("http") || label.starts_with("www")) return false;
  return words <= 4;
}

bool MatchLabel(std::string_view line, std::string* label, std::string* text) {
  re2::StringPiece l, t;
  if (!RE2::FullMatch(re2::StringPiece(line.data(), line.size()), LabelLine(), &l, &t) ||
      !IsLabel(std::string_view(l.data(), l.size())))
    return false;
  *label = std::string(l.data(), l.size());
  *text = std::string(t.data(), t.size());
  return true;
}

bool IsSelf(const std::string& label) {
  std::string lower;
  for (char ch : label) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  static const std::set<std::string> kSelf = {"me", "i", "moi", "io", "yo", "eu", "ich", "میں", "myself"};
  return kSelf.count(lower) > 0;
}

template <typename Fn>
void ForEachLine(std::string_view data, Fn fn) {
  size_t pos = 0;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    std::string_view line = data.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!fn(line)) return;
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
}

}  // namespace

TranscriptShape MeasureTranscript(std::string_view data, int max_lines) {
  TranscriptShape shape;
  std::set<std::string> speakers;
  ForEachLine(data, [&](std::string_view line) {
    if (line.find_first_not_of(" \t") == std::string_view::npos) return true;
    ++shape.lines;
    std::string label, text;
    if (MatchLabel(line, &label, &text)) {
      ++shape.labelled;
      speakers.insert(label);
    }
    return shape.lines < max_lines;
  });
  shape.speakers = static_cast<int>(speakers.size());
  return shape;
}

StatusOr<Conversation> ParseCallTranscript(std::string_view data, const ConversationLimits& limits,
                                           const std::string& name) {
  Conversation conv;
  conv.channel = Channel::kCall;
  conv.format = "call_transcript";
  if (data.starts_with("\xEF\xBB\xBF")) data.remove_prefix(3);
  if (data.size() > limits.max_total_bytes) {
    data = data.substr(0, limits.max_total_bytes);
    conv.truncated = "read the first " + std::to_string(limits.max_total_bytes) + " bytes only (the limit)";
  }
  size_t line_no = 0, unlabelled_before = 0;
  bool too_large = false;
  Status error;
  ForEachLine(data, [&](std::string_view line) {
    ++line_no;
    if (!simdjson::validate_utf8(line.data(), line.size())) {
      error = InvalidArgument(name + ":" + std::to_string(line_no) + ": not valid UTF-8 text");
      return false;
    }
    std::string label, text;
    if (MatchLabel(line, &label, &text)) {
      if (conv.messages.size() >= limits.max_messages) {
        conv.truncated = "read the first " + std::to_string(limits.max_messages) +
                         " turns only (the limit); the rest from line " + std::to_string(line_no) + " on was left out";
        return false;
      }
      ConversationMessage m;
      m.line = line_no;
      m.sender = label;
      m.text = text;
      if (conv.self.empty() && IsSelf(label)) conv.self = label;
      conv.messages.push_back(std::move(m));
      too_large = false;
      return true;
    }
    if (line.find_first_not_of(" \t") == std::string_view::npos && conv.messages.empty()) return true;
    if (conv.messages.empty()) {
      ++unlabelled_before;
      return true;
    }
    std::string& t = conv.messages.back().text;
    if (too_large) return true;
    if (t.size() + line.size() + 1 > limits.max_message_bytes) {
      too_large = true;
      conv.notes.push_back(name + ":" + std::to_string(line_no) + ": the turn from line " +
                           std::to_string(conv.messages.back().line) + " is over " +
                           std::to_string(limits.max_message_bytes) + " bytes; the rest of it was left out");
      return true;
    }
    t += '\n';
    t += line;
    return true;
  });
  if (!error.ok()) return error;
  if (conv.messages.empty())
    return InvalidArgument(name + ": not a call transcript: no line starts with a speaker label such as 'Caller:' or 'Me:'");
  if (unlabelled_before > 0)
    conv.notes.push_back(name + ": " + std::to_string(unlabelled_before) +
                         " line(s) before the first speaker label were left out");
  for (auto& m : conv.messages)
    while (!m.text.empty() && (m.text.back() == '\n' || m.text.back() == ' ')) m.text.pop_back();
  return conv;
}

}  // namespace redflag
