// An .eml through GMime: headers, body parts and attachments, then the checks
// only an email's structure allows. Evidence for header checks points into
// Message::headers, which holds the header block byte for byte (bad UTF-8
// bytes shown as '?'), so a quote is exactly what the server received.
#include "intake/email.h"

#include <gmime/gmime.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <memory>
#include <mutex>

#include "extract/domain.h"
#include "intake/auth_results.h"
#include "intake/html_text.h"
#include "text/normalize.h"

namespace redflag {
namespace {

// GObject references, released on every path.
template <typename T>
struct GObjectDeleter {
  void operator()(T* p) const {
    if (p) g_object_unref(p);
  }
};
template <typename T>
using GPtr = std::unique_ptr<T, GObjectDeleter<T>>;

struct GFreeDeleter {
  void operator()(void* p) const { g_free(p); }
};
using GString_ = std::unique_ptr<char, GFreeDeleter>;

// Same length, valid UTF-8: each byte of a bad sequence and each control
// character other than tab and line breaks becomes '?'. Offsets stay true.
std::string ValidBytes(std::string_view raw) {
  std::string s(raw);
  const char* p = s.data();
  const char* end = s.data() + s.size();
  while (p < end) {
    const gchar* bad = nullptr;
    if (g_utf8_validate(p, end - p, &bad)) break;
    s[bad - s.data()] = '?';
    p = bad + 1;
  }
  for (char& c : s)
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') c = '?';
  return s;
}

// Text for analysis: valid UTF-8 (bad sequences become U+FFFD), no NUL.
std::string CleanText(const char* text) {
  if (text == nullptr) return "";
  GString_ valid(g_utf8_make_valid(text, -1));
  std::string s(valid.get());
  std::replace(s.begin(), s.end(), '\0', ' ');
  return s;
}

// The header that starts at `offset` in `bytes`, with its folded lines, without the line break.
std::pair<size_t, size_t> HeaderLineAt(std::string_view bytes, size_t offset) {
  size_t end = offset;
  while (end < bytes.size()) {
    size_t nl = bytes.find('\n', end);
    if (nl == std::string_view::npos) {
      end = bytes.size();
      break;
    }
    end = nl;
    if (nl + 1 < bytes.size() && (bytes[nl + 1] == ' ' || bytes[nl + 1] == '\t')) {
      end = nl + 1;
      continue;
    }
    break;
  }
  size_t stop = end;
  if (stop > offset && bytes[stop - 1] == '\r') --stop;
  return {offset, stop};
}

std::string DomainOf(std::string_view address) {
  size_t at = address.rfind('@');
  if (at == std::string_view::npos) return "";
  HostParts host;
  if (!ParseHost(address.substr(at + 1), &host)) return "";
  return host.registrable;
}

// Which attachments run code or hide it: program and script types that both
// Gmail ("File types blocked in Gmail") and Microsoft 365's default common
// attachments filter block, plus the carriers phishing mail uses instead
// (HTML and SVG pages, archives, disk images, macro documents).
struct RiskyKind {
  const char* extension;
  const char* why;
  double strength;
};
constexpr std::array kRiskyKinds = {
    RiskyKind{"apk", "an Android app", 1.0},
    RiskyKind{"exe", "a Windows program", 1.0},
    RiskyKind{"scr", "a Windows program", 1.0},
    RiskyKind{"com", "a Windows program", 0.9},
    RiskyKind{"msi", "a Windows installer", 1.0},
    RiskyKind{"bat", "a Windows script", 1.0},
    RiskyKind{"cmd", "a Windows script", 1.0},
    RiskyKind{"ps1", "a PowerShell script", 1.0},
    RiskyKind{"vbs", "a Windows script", 1.0},
    RiskyKind{"js", "a script", 1.0},
    RiskyKind{"jse", "a script", 1.0},
    RiskyKind{"wsf", "a Windows script", 1.0},
    RiskyKind{"hta", "a Windows web application", 1.0},
    RiskyKind{"jar", "a Java program", 1.0},
    RiskyKind{"lnk", "a Windows shortcut that can run a program", 1.0},
    RiskyKind{"iso", "a disk image that can hide a program", 0.8},
    RiskyKind{"img", "a disk image that can hide a program", 0.8},
    RiskyKind{"vhd", "a disk image that can hide a program", 0.8},
    RiskyKind{"html", "a web page that opens from your disk, often a fake login", 0.8},
    RiskyKind{"htm", "a web page that opens from your disk, often a fake login", 0.8},
    RiskyKind{"shtml", "a web page that opens from your disk, often a fake login", 0.8},
    RiskyKind{"svg", "an image that can hold a script", 0.6},
    RiskyKind{"zip", "an archive that can hide a program", 0.6},
    RiskyKind{"rar", "an archive that can hide a program", 0.6},
    RiskyKind{"7z", "an archive that can hide a program", 0.6},
    RiskyKind{"gz", "an archive that can hide a program", 0.6},
    RiskyKind{"tgz", "an archive that can hide a program", 0.6},
    RiskyKind{"cab", "an archive that can hide a program", 0.6},
    RiskyKind{"docm", "a document with macros", 0.7},
    RiskyKind{"xlsm", "a spreadsheet with macros", 0.7},
    RiskyKind{"pptm", "a presentation with macros", 0.7},
};
constexpr std::array<std::pair<const char*, const char*>, 4> kRiskyTypes = {{
    {"application/vnd.android.package-archive", "apk"},
    {"application/x-msdownload", "exe"},
    {"application/x-dosexec", "exe"},
    {"application/x-iso9660-image", "iso"},
}};

const RiskyKind* RiskOf(const Attachment& a) {
  std::string ext;
  std::string name = AsciiLower(a.name);
  while (!name.empty() && (name.back() == ' ' || name.back() == '.'))
    name.pop_back();  // "x.exe ." runs as .exe
  if (size_t dot = name.rfind('.'); dot != std::string::npos) ext = name.substr(dot + 1);
  if (ext.empty())
    for (auto [type, e] : kRiskyTypes)
      if (a.content_type == type) ext = e;
  for (const RiskyKind& k : kRiskyKinds)
    if (ext == k.extension) return &k;
  return nullptr;
}

struct ParseState {
  std::string_view bytes;
  const EmailLimits* limits;
  Status error;  // the first broken-MIME problem
  size_t parts = 0;
  std::string html, plain;
  struct Found {
    Attachment attachment;
    int64_t header_offset = -1;  // the header that names it, in bytes
  };
  std::vector<Found> attachments;
};

void OnWarning(gint64 offset, GMimeParserWarning code, const gchar* item, gpointer data) {
  auto* state = static_cast<ParseState*>(data);
  const char* what = nullptr;
  switch (code) {
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
      what = "a multipart part has no boundary parameter";
      break;
    case GMIME_WARN_MALFORMED_MULTIPART:
      what = "a multipart part has no parts (its boundary never appears)";
      break;
    case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT:
      what = "a MIME part has neither headers nor content";
      break;
    case GMIME_CRIT_NESTING_OVERFLOW:
      what = "MIME parts are nested too deep";
      break;
    default:
      return;  // common in real mail (duplicate headers, raw 8-bit text): read on
  }
  if (!state->error.ok()) return;
  std::string message = "broken MIME at byte " + std::to_string(offset) + ": " + what;
  if (item != nullptr && *item != '\0')
    message += " (" + ValidBytes(std::string_view(item).substr(0, 80)) + ")";
  state->error = InvalidArgument(std::move(message));
}

void OnPart(GMimeObject* /*parent*/, GMimeObject* object, gpointer data) {
  auto* state = static_cast<ParseState*>(data);
  ++state->parts;
  if (!state->error.ok() || state->parts > state->limits->max_parts) return;
  if (GMIME_IS_MULTIPART(object)) {
    // GMime reads on when a boundary never appears; an empty multipart is broken, not blank.
    if (g_mime_multipart_get_count(GMIME_MULTIPART(object)) == 0) {
      GMimeHeader* h = g_mime_header_list_get_header(g_mime_object_get_header_list(object), "Content-Type");
      const char* boundary = g_mime_multipart_get_boundary(GMIME_MULTIPART(object));
      state->error = InvalidArgument(
          "broken MIME at byte " + std::to_string(h ? g_mime_header_get_offset(h) : 0) +
          ": a multipart part has no parts (its boundary '" +
          ValidBytes(boundary ? std::string_view(boundary).substr(0, 70) : "") + "' never appears)");
    }
    return;
  }
  GMimeContentType* type = g_mime_object_get_content_type(object);
  GString_ mime_type(type ? g_mime_content_type_get_mime_type(type) : g_strdup("application/octet-stream"));
  std::string content_type = AsciiLower(mime_type.get());
  if (GMIME_IS_MESSAGE_PART(object)) {  // a forwarded email: listed, not read
    state->attachments.push_back({{"", content_type, 0, false}, -1});
    return;
  }
  if (!GMIME_IS_PART(object)) return;
  GMimePart* part = GMIME_PART(object);
  const char* filename = g_mime_part_get_filename(part);
  bool attachment = g_mime_part_is_attachment(part) || filename != nullptr;
  if (!attachment && GMIME_IS_TEXT_PART(object) &&
      (content_type == "text/html" || content_type == "text/plain")) {
    GString_ text(g_mime_text_part_get_text(GMIME_TEXT_PART(object)));
    std::string& to = content_type == "text/html" ? state->html : state->plain;
    if (!to.empty()) to += "\n\n";
    to += CleanText(text.get());
    if (to.size() > state->limits->max_text_bytes && state->error.ok())
      state->error = TooLarge("the email's " + content_type + " body is over the limit of " +
                              std::to_string(state->limits->max_text_bytes) + " bytes");
    return;
  }
  ParseState::Found found;
  found.attachment.name = CleanText(filename);
  found.attachment.content_type = content_type;
  if (GMimeDataWrapper* content = g_mime_part_get_content(part)) {
    GPtr<GMimeStream> counter(g_mime_stream_null_new());
    gssize n = g_mime_data_wrapper_write_to_stream(content, counter.get());
    found.attachment.bytes = n > 0 ? static_cast<uint64_t>(n) : 0;
  }
  GMimeHeaderList* headers = g_mime_object_get_header_list(object);
  for (const char* name : {"Content-Disposition", "Content-Type"}) {
    if (GMimeHeader* h = g_mime_header_list_get_header(headers, name)) {
      if (g_mime_header_get_offset(h) >= 0) {
        found.header_offset = g_mime_header_get_offset(h);
        break;
      }
    }
  }
  state->attachments.push_back(std::move(found));
}

// Counts "content-type" case-insensitively: an upper bound on the MIME parts
// and on their nesting, checked before GMime builds its tree.
size_t CountContentTypes(std::string_view bytes) {
  static constexpr std::string_view kNeedle = "content-type";
  size_t count = 0;
  for (size_t i = 0; i + kNeedle.size() <= bytes.size(); ++i) {
    if ((bytes[i] | 0x20) != 'c') continue;
    size_t k = 1;
    while (k < kNeedle.size() && std::tolower(static_cast<unsigned char>(bytes[i + k])) == kNeedle[k]) ++k;
    if (k == kNeedle.size()) ++count;
  }
  return count;
}

void InitGMime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

class EmailBuilder {
 public:
  EmailBuilder(std::string_view bytes, Message* m) : bytes_(bytes), m_(m) {}

  // Evidence for the header at `offset` of the input (in the header block).
  Evidence HeaderEvidence(size_t offset, std::string note) const {
    auto [start, end] = HeaderLineAt(bytes_, offset);
    return {Field::kHeaders, static_cast<uint32_t>(start), static_cast<uint32_t>(end), "", std::move(note)};
  }

  // Appends the header at `offset` (outside the header block) to Message::headers; evidence for it.
  Evidence AppendHeader(size_t offset, std::string note) {
    auto [start, end] = HeaderLineAt(bytes_, offset);
    if (!m_->headers.empty() && m_->headers.back() != '\n') m_->headers += '\n';
    uint32_t at = static_cast<uint32_t>(m_->headers.size());
    m_->headers += ValidBytes(bytes_.substr(start, end - start));
    return {Field::kHeaders, at, static_cast<uint32_t>(m_->headers.size()), "", std::move(note)};
  }

  void Flag(std::string flag, double strength, Evidence e) {
    m_->findings.push_back({std::move(flag), strength, std::move(e)});
  }

 private:
  std::string_view bytes_;
  Message* m_;
};

void CheckLinks(const HtmlText& html, Message* m) {
  for (const HtmlLink& link : html.links) {
    if (link.href_start == link.href_end) continue;  // the words are the link itself
    std::string_view shown(m->text.data() + link.text_start, link.text_end - link.text_start);
    if (shown.empty() || shown.find_first_of(" \n\t") != std::string_view::npos ||
        shown.find('.') == std::string_view::npos)
      continue;
    std::string href = AsciiLower(link.href);
    size_t colon = href.find(':');
    if (colon != std::string::npos && href.compare(0, colon, "http") != 0 &&
        href.compare(0, colon, "https") != 0)
      continue;  // mailto:, tel:, cid:
    HostParts shown_host, target;
    if (!ParseHost(shown, &shown_host) || shown_host.registrable.empty()) continue;
    if (!ParseHost(link.href, &target) || target.registrable.empty()) continue;
    if (shown_host.registrable == target.registrable) continue;
    m->findings.push_back({"link_text_mismatch",
                           0.9,
                           {Field::kText, link.text_start, link.href_end, "",
                            "shows " + shown_host.registrable + " but goes to " + target.registrable}});
  }
}

}  // namespace

bool LooksLikeEmail(std::string_view bytes) {
  static constexpr std::array<std::string_view, 9> kTelling = {"from",         "subject",      "received",
                                                               "return-path",  "message-id",   "date",
                                                               "mime-version", "delivered-to", "to"};
  size_t at = 0, lines = 0, telling = 0;
  while (at < bytes.size() && lines < 40) {
    size_t nl = bytes.find('\n', at);
    std::string_view line = bytes.substr(at, nl == std::string_view::npos ? std::string_view::npos : nl - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;  // end of the header block
    if (line[0] != ' ' && line[0] != '\t') {
      size_t colon = line.find(':');
      if (colon == 0 || colon == std::string_view::npos) return false;
      std::string_view name = line.substr(0, colon);
      if (std::any_of(name.begin(), name.end(), [](char c) { return c <= ' ' || c > '~'; })) return false;
      if (std::find(kTelling.begin(), kTelling.end(), AsciiLower(name)) != kTelling.end()) ++telling;
    }
    ++lines;
    if (nl == std::string_view::npos) break;
    at = nl + 1;
  }
  return telling >= 2;
}

StatusOr<Message> ParseEmail(std::string_view bytes, const EmailLimits& limits) {
  if (bytes.size() > limits.max_bytes)
    return TooLarge("the email is " + std::to_string(bytes.size()) + " bytes, over the limit of " +
                    std::to_string(limits.max_bytes));
  if (CountContentTypes(bytes) > limits.max_parts)
    return TooLarge("the email has more than " + std::to_string(limits.max_parts) + " MIME parts");
  InitGMime();
  ParseState state{bytes, &limits, {}, 0, {}, {}, {}};
  std::unique_ptr<GMimeParserOptions, void (*)(GMimeParserOptions*)> options(g_mime_parser_options_new(),
                                                                             g_mime_parser_options_free);
  g_mime_parser_options_set_warning_callback(options.get(), OnWarning, &state);
  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
  GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), options.get()));
  if (!state.error.ok()) return state.error;
  gint64 headers_end = g_mime_parser_get_headers_end(parser.get());
  GMimeHeaderList* header_list =
      message ? g_mime_object_get_header_list(GMIME_OBJECT(message.get())) : nullptr;
  if (!message || header_list == nullptr || g_mime_header_list_get_count(header_list) == 0 ||
      headers_end <= 0)
    return InvalidArgument("not an email: it does not start with header lines such as 'From: ...'");

  Message m;
  m.channel = Channel::kEmail;
  m.input.format = "eml";
  m.headers = ValidBytes(bytes.substr(0, std::min<size_t>(static_cast<size_t>(headers_end), bytes.size())));
  m.subject = CleanText(g_mime_message_get_subject(message.get()));
  std::string from_domain;
  InternetAddressList* from = g_mime_message_get_from(message.get());
  if (from != nullptr && internet_address_list_length(from) > 0) {
    InternetAddress* a = internet_address_list_get_address(from, 0);
    GString_ shown(internet_address_to_string(a, nullptr, FALSE));
    m.from = CleanText(shown.get());
    if (INTERNET_ADDRESS_IS_MAILBOX(a))
      from_domain = DomainOf(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a)));
  }

  g_mime_message_foreach(message.get(), OnPart, &state);
  if (state.parts > limits.max_parts)
    return TooLarge("the email has more than " + std::to_string(limits.max_parts) + " MIME parts");
  if (!state.error.ok()) return state.error;

  HtmlText html;
  if (!state.html.empty()) {
    if (HtmlNestingDepth(state.html, limits.max_html_depth) > limits.max_html_depth)
      return TooLarge("the email's HTML nests elements more than " + std::to_string(limits.max_html_depth) +
                      " deep");
    html = HtmlToText(state.html);
    m.text = std::move(html.text);
    html.text.clear();
  } else {
    m.text = std::move(state.plain);
  }
  if (m.text.size() > limits.max_text_bytes)
    return TooLarge("the email's text is " + std::to_string(m.text.size()) + " bytes, over the limit of " +
                    std::to_string(limits.max_text_bytes));

  EmailBuilder builder(bytes, &m);
  // Header checks, in the order the headers came.
  int count = g_mime_header_list_get_count(header_list);
  for (int i = 0; i < count; ++i) {
    GMimeHeader* h = g_mime_header_list_get_header_at(header_list, i);
    gint64 offset = g_mime_header_get_offset(h);
    if (offset < 0 || offset >= headers_end) continue;
    std::string name = AsciiLower(g_mime_header_get_name(h));
    if (name == "authentication-results") {
      auto [start, end] = HeaderLineAt(bytes, static_cast<size_t>(offset));
      for (const AuthFailure& f : FindAuthFailures(bytes.substr(start, end - start))) {
        double strength = f.result == "softfail" ? 0.5 : f.method == "dmarc" ? 1.0 : 0.8;
        builder.Flag(
            "auth_failed", strength,
            {Field::kHeaders, static_cast<uint32_t>(start + f.start), static_cast<uint32_t>(start + f.end),
             "", "the receiving server's " + f.method + " check: " + f.result});
      }
    } else if ((name == "reply-to" || name == "return-path") && !from_domain.empty()) {
      GPtr<InternetAddressList> list(internet_address_list_parse(nullptr, g_mime_header_get_value(h)));
      int n = list ? internet_address_list_length(list.get()) : 0;
      for (int k = 0; k < n; ++k) {
        InternetAddress* a = internet_address_list_get_address(list.get(), k);
        if (!INTERNET_ADDRESS_IS_MAILBOX(a)) continue;
        std::string domain = DomainOf(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a)));
        if (domain.empty() || domain == from_domain) continue;
        bool reply = name == "reply-to";
        builder.Flag("header_mismatch", reply ? 0.9 : 0.4,
                     builder.HeaderEvidence(static_cast<size_t>(offset),
                                            (reply ? "replies go to " : "bounces go to ") + domain +
                                                ", but it is sent from " + from_domain));
        break;
      }
    }
  }
  CheckLinks(html, &m);
  for (ParseState::Found& found : state.attachments) {
    const RiskyKind* risk = RiskOf(found.attachment);
    found.attachment.risky = risk != nullptr;
    if (risk != nullptr && found.header_offset >= 0) {
      std::string note = (found.attachment.name.empty() ? std::string("the attachment")
                                                        : "'" + found.attachment.name + "'") +
                         " is " + risk->why;
      builder.Flag("risky_attachment", risk->strength,
                   builder.AppendHeader(static_cast<size_t>(found.header_offset), std::move(note)));
    }
    m.input.attachments.push_back(std::move(found.attachment));
  }
  if (m.text.empty() && m.subject.empty())
    return InvalidArgument("the email has neither a subject nor a text body to check");
  return m;
}

}  // namespace redflag
