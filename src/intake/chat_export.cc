#include "intake/chat_export.h"

#include <re2/re2.h>
#include <simdjson.h>
#include <zip.h>

#include <array>
#include <chrono>
#include <fstream>
#include <string_view>
#include <vector>

#include "text/normalize.h"

namespace redflag {
namespace {

// Pieces of a message header. Spaces may be U+00A0 or U+202F (iOS writes a
// narrow no-break space before AM/PM since 2022).
constexpr std::string_view kDate = R"((\d{1,4})[./-](\d{1,2})[./-](\d{2,4})\.?)";
constexpr std::string_view kDateTimeSep =
    R"(,?[ \x{00A0}]*(?:،[ \x{00A0}]*)?(?:(?:à|um|alle|a las|às)[ \x{00A0}]+)?)";
constexpr std::string_view kTime = R"((\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)";
constexpr std::string_view kMarker =
    R"((?:[ \x{00A0}\x{202F}]*((?i:a\.?[ \x{00A0}\x{202F}]?m\.?|p\.?[ \x{00A0}\x{202F}]?m\.?|vorm\.|nachm\.)|ص|م|قبل دوپہر|بعد دوپہر))?)";

std::string AndroidPattern() {
  return "^" + std::string(kDate) + std::string(kDateTimeSep) + std::string(kTime) + std::string(kMarker) +
         R"([ \x{00A0}\x{202F}]+- ?(.*)$)";
}
std::string IosPattern() {
  return R"(^\x{200E}?\[)" + std::string(kDate) + std::string(kDateTimeSep) + std::string(kTime) +
         std::string(kMarker) + R"(\][ \x{00A0}]?(.*)$)";
}

const RE2& AndroidHeader() {
  static const RE2 re(AndroidPattern());
  return re;
}
const RE2& IosHeader() {
  static const RE2 re(IosPattern());
  return re;
}

// The date and time as written; the order of day and month is decided once the
// whole export is read, from the dates that cannot be ambiguous.
struct RawStamp {
  int a = 0, b = 0, c = 0;  // the three numbers of the date, in written order
  bool year_first = false;  // "2023-12-31"
  int hour = 0, minute = 0, second = 0;
  int marker = 0;  // 0 none, 1 AM, 2 PM
};

struct Header {
  bool ios = false;
  RawStamp stamp;
  std::string rest;  // "Sender: text" or an app line
};

int ToInt(std::string_view digits) {
  int v = 0;
  for (char ch : digits) v = v * 10 + (ch - '0');
  return v;
}

// 1 for AM, 2 for PM, by the marker's letters.
int MarkerKind(std::string_view marker) {
  if (marker.empty()) return 0;
  std::string letters;
  for (char ch : marker)
    if (ch != '.' && ch != ' ') letters += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (letters == "am" || letters == "vorm" || letters == "ص" || letters == "قبلدوپہر") return 1;
  if (letters.empty()) return 0;  // only spaces (U+202F is not a space here, see below)
  return 2;
}

std::optional<Header> MatchHeader(std::string_view line) {
  re2::StringPiece p1, p2, p3, ph, pmi, ps, pmarker, prest;
  re2::StringPiece input(line.data(), line.size());
  Header header;
  // Most lines of a long message are not headers: a first byte that is neither a
  // digit nor "[" / U+200E rules a header out without running a regex.
  bool digit = !line.empty() && line[0] >= '0' && line[0] <= '9';
  bool bracket = line.starts_with("[") || line.starts_with("\xE2\x80\x8E[");
  if (digit && RE2::FullMatch(input, AndroidHeader(), &p1, &p2, &p3, &ph, &pmi, &ps, &pmarker, &prest)) {
    header.ios = false;
  } else if (bracket && RE2::FullMatch(input, IosHeader(), &p1, &p2, &p3, &ph, &pmi, &ps, &pmarker, &prest)) {
    header.ios = true;
  } else {
    return std::nullopt;
  }
  auto sv = [](re2::StringPiece p) { return std::string_view(p.data(), p.size()); };
  std::string_view d1 = sv(p1), d2 = sv(p2), d3 = sv(p3), h = sv(ph), mi = sv(pmi), s = sv(ps),
                   marker = sv(pmarker), rest = sv(prest);
  RawStamp& st = header.stamp;
  st.a = ToInt(d1);
  st.b = ToInt(d2);
  st.c = ToInt(d3);
  st.year_first = d1.size() == 4;
  st.hour = ToInt(h);
  st.minute = ToInt(mi);
  st.second = s.empty() ? 0 : ToInt(s);
  std::string trimmed_marker;
  for (size_t i = 0; i < marker.size(); ++i) {
    // U+202F is E2 80 AF; it may sit inside "p. m." on some phones.
    if (marker.substr(i, 3) == "\xE2\x80\xAF" || marker.substr(i, 2) == "\xC2\xA0") {
      i += marker[i] == '\xE2' ? 2 : 1;
      continue;
    }
    trimmed_marker += marker[i];
  }
  st.marker = MarkerKind(trimmed_marker);
  header.rest = std::string(rest);
  return header;
}

template <typename Phrases>
bool ContainsAny(const std::string& lower, const Phrases& phrases) {
  for (std::string_view p : phrases)
    if (lower.find(p) != std::string::npos) return true;
  return false;
}

bool ContainsAny(const std::string& lower, std::initializer_list<std::string_view> phrases) {
  return ContainsAny<std::initializer_list<std::string_view>>(lower, phrases);
}

constexpr std::string_view kDeletedPhrases[] = {"this message was deleted", "you deleted this message", "message a été supprimé",
                          "avez supprimé ce message", "messaggio è stato eliminato", "hai eliminato questo",
                          "se eliminó este mensaje", "eliminaste este mensaje", "mensaje fue eliminado",
                          "mensagem foi apagada", "mensagem apagada", "você apagou esta mensagem",
                          "nachricht wurde gelöscht", "du hast diese nachricht gelöscht",
                          "پیغام حذف", "پیغام ڈیلیٹ"};

// What WhatsApp itself writes in exports, in the locales we read. These are
// facts about the export format, not about scams, so they live with the parser.
SystemKind ClassifyAppLine(std::string_view text) {
  std::string lower = AsciiLower(text);
  if (ContainsAny(lower, {"end-to-end", "bout en bout", "extremo a extremo", "ponta a ponta",
                          "ende-zu-ende", "اینڈ ٹو اینڈ"}))
    return SystemKind::kEncryption;
  if (ContainsAny(lower, {"security code", "code de sécurité", "codice di sicurezza", "código de seguridad",
                          "código de segurança", "sicherheitsnummer", "sicherheitscode", "سیکیورٹی کوڈ"}))
    return SystemKind::kSecurityCode;
  if (ContainsAny(lower, {"changed their phone number", "changed to a new number", "changed their number",
                          "a changé de numéro", "a changé son numéro", "ha cambiato numero",
                          "ha cambiato il suo numero", "cambió su número", "cambió de número",
                          "mudou seu número", "mudou o número", "mudou de número", "nummer geändert",
                          "telefonnummer geändert", "nummer gewechselt", "نمبر تبدیل"}))
    return SystemKind::kNumberChange;
  if (ContainsAny(lower, kDeletedPhrases))
    return SystemKind::kDeleted;
  if (ContainsAny(lower, {"created group", "created this group", " added ", " left", " removed ",
                          "changed the subject", "changed this group", "changed the group", "joined using",
                          "a créé le groupe", " a ajouté ", " est parti", " a retiré ", "a modifié",
                          "ha creato il gruppo", " ha aggiunto ", " è uscito", " ha rimosso ", "ha cambiato l",
                          "creó el grupo", " añadió ", " salió", " eliminó a ", "cambió el asunto",
                          "cambió la descripción", "criou o grupo", " adicionou ", " saiu", " removeu ",
                          "mudou o assunto", "mudou a descrição", "hat die gruppe", " hinzugefügt",
                          " entfernt", "hat den betreff", "گروپ بنایا", "شامل کیا", "چھوڑ دیا",
                          "گروپ سے نکال"}))
    return SystemKind::kGroupChange;
  return SystemKind::kOther;
}

// `marked`: the text started with U+200E, as iOS writes its own lines.
bool IsMedia(std::string_view body, bool marked) {
  if (body.size() > 160 || body.empty()) return false;
  // Android: "<Media omitted>" and its translations, one whole message in angle brackets.
  if (body.front() == '<' && body.back() == '>' && body.find('<', 1) == std::string_view::npos) return true;
  if (body.back() != ')' && !marked) return false;
  std::string lower = AsciiLower(body);
  if (lower.back() == ')')
    return ContainsAny(lower, {"(file attached)", "(fichier joint)", "(file allegato)", "(archivo adjunto)",
                               "(arquivo anexado)", "(datei angehängt)"});
  return lower.starts_with("<") ||
         ContainsAny(lower, {" omitted", " absente", " omessa", " omesso", " omitida", " omitido", " ocultada",
                             " ocultado", " weggelassen", "چھوڑ دیا گیا"});
}

bool IsDeleted(std::string_view body) {
  if (body.size() > 60) return false;
  std::string lower = AsciiLower(body);
  return ContainsAny(lower, kDeletedPhrases);
}

// Direction and zero-width marks WhatsApp puts around names and app lines.
constexpr std::array<std::string_view, 8> kMarks = {"\xE2\x80\x8E", "\xE2\x80\x8F", "\xE2\x80\xAA", "\xE2\x80\xAB",
                                                    "\xE2\x80\xAC", "\xE2\x81\xA8", "\xE2\x81\xA9", "\xEF\xBB\xBF"};

// Removes marks and spaces from both ends; returns whether a mark was removed
// from the front (iOS marks its own lines so).
bool TrimMarks(std::string* s) {
  bool front_mark = false;
  bool changed = true;
  while (changed && !s->empty()) {
    changed = false;
    for (std::string_view m : kMarks) {
      if (s->starts_with(m)) {
        s->erase(0, m.size());
        front_mark = changed = true;
      }
      if (s->ends_with(m)) {
        s->erase(s->size() - m.size());
        changed = true;
      }
    }
    while (!s->empty() && (s->front() == ' ' || s->front() == '\t')) s->erase(0, 1), changed = true;
    while (!s->empty() && (s->back() == ' ' || s->back() == '\t')) s->pop_back(), changed = true;
  }
  return front_mark;
}

// Days since 1970-01-01 of a civil date; nullopt when there is no such date.
std::optional<int64_t> EpochSeconds(int year, int month, int day, int hour, int minute, int second) {
  using namespace std::chrono;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  year_month_day ymd{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                     std::chrono::day(static_cast<unsigned>(day))};
  if (!ymd.ok()) return std::nullopt;
  int64_t days = sys_days(ymd).time_since_epoch().count();
  return days * 86400 + hour * 3600 + minute * 60 + second;
}

constexpr size_t kChunk = 64 * 1024;

}  // namespace

std::string_view SystemKindName(SystemKind kind) {
  switch (kind) {
    case SystemKind::kNone: return "";
    case SystemKind::kEncryption: return "encryption";
    case SystemKind::kMediaOmitted: return "media_omitted";
    case SystemKind::kDeleted: return "deleted";
    case SystemKind::kGroupChange: return "group_change";
    case SystemKind::kSecurityCode: return "security_code";
    case SystemKind::kNumberChange: return "number_change";
    case SystemKind::kOther: return "other";
  }
  return "other";
}

class ChatExportParser::Impl {
 public:
  Impl(std::string name, const ConversationLimits& limits) : name_(std::move(name)), limits_(limits) {
    conv_.channel = Channel::kWhatsApp;
  }

  Status Feed(std::string_view bytes) {
    if (!error_.ok() || full_) return error_;
    if (total_ + bytes.size() > limits_.max_total_bytes) {
      bytes = bytes.substr(0, limits_.max_total_bytes - total_);
      Stop("read the first " + std::to_string(limits_.max_total_bytes) + " bytes only (the limit); the rest of " +
           name_ + " was left out");
    }
    total_ += bytes.size();
    size_t pos = 0;
    while (pos < bytes.size() && error_.ok()) {
      size_t nl = bytes.find('\n', pos);
      std::string_view piece = bytes.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
      if (!line_too_long_) {
        if (pending_.size() + piece.size() > limits_.max_message_bytes) {
          line_too_long_ = true;
          pending_.clear();
          pending_.shrink_to_fit();
        } else {
          pending_.append(piece);
        }
      }
      if (nl == std::string_view::npos) break;
      EndLine();
      pos = nl + 1;
      if (full_) break;
    }
    return error_;
  }

  bool full() const { return full_; }

  StatusOr<Conversation> Finish() {
    if (error_.ok() && !full_ && (!pending_.empty() || line_too_long_)) EndLine();
    if (!error_.ok()) return error_;
    CloseMessage();
    if (conv_.messages.empty())
      return InvalidArgument(name_ + ": not a WhatsApp chat export: it is empty");
    ResolveDates();
    return std::move(conv_);
  }

 private:
  void Stop(std::string why) {
    full_ = true;
    if (conv_.truncated.empty()) conv_.truncated = std::move(why);
  }

  void EndLine() {
    ++line_;
    std::string line = std::move(pending_);
    pending_.clear();
    bool too_long = line_too_long_;
    line_too_long_ = false;
    if (too_long) {
      conv_.notes.push_back(name_ + ":" + std::to_string(line_) + ": a line over " +
                            std::to_string(limits_.max_message_bytes) + " bytes was left out");
      if (open_) open_too_large_ = true;
      return;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_ == 1) {
      if (line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
      if (line.starts_with("\xFF\xFE") || line.starts_with("\xFE\xFF")) {
        error_ = InvalidArgument(name_ + ": the file is in UTF-16; export the chat again or save it as UTF-8");
        return;
      }
    }
    if (!simdjson::validate_utf8(line.data(), line.size())) {
      error_ = InvalidArgument(name_ + ":" + std::to_string(line_) + ": not valid UTF-8 text");
      return;
    }
    std::optional<Header> header = MatchHeader(line);
    if (!header) {
      if (!open_) {
        if (line.find_first_not_of(" \t") == std::string::npos) return;  // blank lines before the first message
        error_ = InvalidArgument(
            name_ + ":" + std::to_string(line_) +
            ": not a WhatsApp chat export: this line does not start with a date and time (expected "
            "'31/12/2023, 21:41 - Name: text' or '[31/12/2023, 21:41:05] Name: text')");
        return;
      }
      AppendToOpen(line);
      return;
    }
    CloseMessage();
    if (conv_.messages.size() >= limits_.max_messages) {
      Stop("read the first " + std::to_string(limits_.max_messages) + " messages only (the limit); the rest of " +
           name_ + " from line " + std::to_string(line_) + " on was left out");
      return;
    }
    if (conv_.format.empty()) conv_.format = header->ios ? "whatsapp_ios" : "whatsapp_android";
    StartMessage(*header);
  }

  void StartMessage(const Header& h) {
    ConversationMessage m;
    m.line = line_;
    std::string rest = h.rest;
    size_t colon = rest.find(": ");
    // A sender's name is short and has no quotes; a longer prefix is an app line such
    // as 'Bob changed the subject to "Re: party"'.
    if (colon != std::string::npos && colon > 0 && colon <= 120 &&
        rest.substr(0, colon).find('"') == std::string::npos) {
      m.sender = rest.substr(0, colon);
      TrimMarks(&m.sender);
      m.text = rest.substr(colon + 2);
    } else if (!rest.empty() && rest.back() == ':' && rest.size() <= 121) {
      m.sender = rest.substr(0, rest.size() - 1);  // "Bob:" and the text on the next lines
      TrimMarks(&m.sender);
    } else {
      m.text = rest;
      m.system = SystemKind::kOther;  // decided in CloseMessage
    }
    open_ = true;
    open_too_large_ = false;
    open_message_ = std::move(m);
    stamps_.push_back(h.stamp);
  }

  void AppendToOpen(const std::string& line) {
    if (open_too_large_) return;
    if (open_message_.text.size() + 1 + line.size() > limits_.max_message_bytes) {
      open_too_large_ = true;
      return;
    }
    open_message_.text += '\n';
    open_message_.text += line;
  }

  void CloseMessage() {
    if (!open_) return;
    open_ = false;
    ConversationMessage m = std::move(open_message_);
    if (open_too_large_) {
      conv_.notes.push_back(name_ + ":" + std::to_string(m.line) + ": a message over " +
                            std::to_string(limits_.max_message_bytes) + " bytes was left out");
      stamps_.pop_back();
      return;
    }
    while (!m.text.empty() && (m.text.back() == '\n' || m.text.back() == ' ')) m.text.pop_back();
    bool marked = TrimMarks(&m.text);
    if (m.system != SystemKind::kNone || m.sender.empty()) {
      m.system = ClassifyAppLine(m.text);
    } else if (IsMedia(m.text, marked)) {
      m.system = SystemKind::kMediaOmitted;
    } else if (marked) {
      m.system = ClassifyAppLine(m.text);  // iOS app lines start with U+200E
    } else if (IsDeleted(m.text)) {
      m.system = SystemKind::kDeleted;  // Android writes "This message was deleted" as the sender's text
    }
    conv_.messages.push_back(std::move(m));
  }

  // Day/month order: a first number over 12 means day first, a second over 12
  // month first; when no date decides, 12-hour clocks with "/" read as
  // month/day (United States), everything else as day/month.
  void ResolveDates() {
    bool day_first = false, month_first = false, twelve_hour = false;
    for (const RawStamp& s : stamps_) {
      if (s.year_first) continue;
      if (s.a > 12) day_first = true;
      if (s.b > 12) month_first = true;
      if (s.marker != 0) twelve_hour = true;
    }
    bool mdy = month_first && !day_first ? true : day_first ? false : twelve_hour;
    if (day_first && month_first)
      conv_.notes.push_back(name_ + ": the dates mix day/month and month/day orders; read as day/month");
    int bad = 0;
    for (size_t i = 0; i < conv_.messages.size() && i < stamps_.size(); ++i) {
      const RawStamp& s = stamps_[i];
      int year, month, day;
      if (s.year_first) {
        year = s.a, month = s.b, day = s.c;
      } else {
        year = s.c < 100 ? 2000 + s.c : s.c;
        month = mdy ? s.a : s.b;
        day = mdy ? s.b : s.a;
      }
      int hour = s.hour;
      if (s.marker == 2 && hour < 12) hour += 12;
      if (s.marker == 1 && hour == 12) hour = 0;
      conv_.messages[i].time = EpochSeconds(year, month, day, hour, s.minute, s.second);
      if (!conv_.messages[i].time) ++bad;
    }
    if (bad > 0)
      conv_.notes.push_back(name_ + ": " + std::to_string(bad) + " message(s) carry a date or time that does not exist");
  }

  std::string name_;
  ConversationLimits limits_;
  Conversation conv_;
  std::vector<RawStamp> stamps_;  // one per message in conv_ (and the open one)
  ConversationMessage open_message_;
  bool open_ = false, open_too_large_ = false;
  std::string pending_;
  bool line_too_long_ = false;
  size_t line_ = 0, total_ = 0;
  bool full_ = false;
  Status error_;
};

ChatExportParser::ChatExportParser(std::string name, const ConversationLimits& limits)
    : impl_(std::make_unique<Impl>(std::move(name), limits)) {}
ChatExportParser::~ChatExportParser() = default;
Status ChatExportParser::Feed(std::string_view bytes) { return impl_->Feed(bytes); }
bool ChatExportParser::full() const { return impl_->full(); }
StatusOr<Conversation> ChatExportParser::Finish() { return impl_->Finish(); }

StatusOr<Conversation> ParseChatExport(std::string_view data, const ConversationLimits& limits,
                                       const std::string& name) {
  ChatExportParser parser(name, limits);
  REDFLAG_RETURN_IF_ERROR(parser.Feed(data));
  return parser.Finish();
}

StatusOr<Conversation> ParseChatExportStream(std::istream& in, const ConversationLimits& limits,
                                             const std::string& name) {
  ChatExportParser parser(name, limits);
  std::vector<char> buffer(kChunk);
  while (!parser.full() && (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0))
    REDFLAG_RETURN_IF_ERROR(parser.Feed(std::string_view(buffer.data(), static_cast<size_t>(in.gcount()))));
  if (in.bad()) return Internal(name + ": read error");
  return parser.Finish();
}

namespace {

std::string ZipError(zip_error_t* error) { return zip_error_strerror(error); }

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

// Finds the chat in an open archive and streams it through the parser.
StatusOr<Conversation> ReadChatFromZip(zip_t* archive, const ConversationLimits& limits, const std::string& name) {
  zip_int64_t entries = zip_get_num_entries(archive, 0);
  zip_int64_t chosen = -1;
  int text_files = 0;
  for (zip_int64_t i = 0; i < entries; ++i) {
    const char* entry = zip_get_name(archive, static_cast<zip_uint64_t>(i), 0);
    if (entry == nullptr) continue;
    std::string_view n(entry);
    if (n.starts_with("__MACOSX/")) continue;
    std::string_view base = n.substr(n.rfind('/') == std::string_view::npos ? 0 : n.rfind('/') + 1);
    if (base == "_chat.txt") {
      chosen = i;
      text_files = 1;
      break;
    }
    if (base.size() > 4 && AsciiLower(base.substr(base.size() - 4)) == ".txt") {
      if (text_files++ == 0) chosen = i;
    }
  }
  if (chosen < 0) return InvalidArgument(name + ": the zip holds no chat (no _chat.txt or other .txt file)");
  if (text_files > 1)
    return InvalidArgument(name + ": the zip holds several .txt files and no _chat.txt; unzip it and give the chat file");
  std::string entry_name = zip_get_name(archive, static_cast<zip_uint64_t>(chosen), 0);
  std::string label = name + ":" + entry_name;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(archive, static_cast<zip_uint64_t>(chosen), 0, &st) == 0 &&
      (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
    return InvalidArgument(label + ": the chat inside the zip is encrypted");
  std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen_index(archive, static_cast<zip_uint64_t>(chosen), 0));
  if (!file) return InvalidArgument(label + ": cannot open the chat inside the zip: " + ZipError(zip_get_error(archive)));
  ChatExportParser parser(label, limits);
  std::vector<char> buffer(kChunk);
  while (!parser.full()) {
    zip_int64_t n = zip_fread(file.get(), buffer.data(), buffer.size());
    if (n < 0) return InvalidArgument(label + ": corrupt zip: " + ZipError(zip_file_get_error(file.get())));
    if (n == 0) break;
    REDFLAG_RETURN_IF_ERROR(parser.Feed(std::string_view(buffer.data(), static_cast<size_t>(n))));
  }
  return parser.Finish();
}

}  // namespace

StatusOr<Conversation> ParseChatExportZip(std::string_view zip_bytes, const ConversationLimits& limits,
                                          const std::string& name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(zip_bytes.data(), zip_bytes.size(), 0, &error);
  if (source == nullptr) {
    std::string m = ZipError(&error);
    zip_error_fini(&error);
    return Internal(name + ": " + m);
  }
  zip_t* raw = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (raw == nullptr) {
    zip_source_free(source);
    std::string m = ZipError(&error);
    zip_error_fini(&error);
    return InvalidArgument(name + ": corrupt zip: " + m);
  }
  zip_error_fini(&error);
  std::unique_ptr<zip_t, ZipCloser> archive(raw);
  return ReadChatFromZip(archive.get(), limits, name);
}

StatusOr<Conversation> ParseChatExportZipFile(const std::string& path, const ConversationLimits& limits) {
  int code = 0;
  zip_t* raw = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  if (raw == nullptr) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string m = ZipError(&error);
    zip_error_fini(&error);
    if (code == ZIP_ER_NOENT || code == ZIP_ER_OPEN) return NotFound(path + ": cannot be opened: " + m);
    return InvalidArgument(path + ": corrupt zip: " + m);
  }
  std::unique_ptr<zip_t, ZipCloser> archive(raw);
  return ReadChatFromZip(archive.get(), limits, path);
}

bool LooksLikeChatExportLine(std::string_view line) {
  if (line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return MatchHeader(line).has_value();
}

}  // namespace redflag
