#include "extract/contacts.h"

#include <phonenumbers/phonenumberutil.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>

namespace redflag {
namespace {

constexpr std::string_view kDot = R"((?:\.|\[\.\]|\(\.\)|\[dot\]))";
constexpr std::string_view kLabel = R"([\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)";
// Link characters; quotes and angle brackets end a link.
constexpr std::string_view kLinkTail = R"([^\s<>"']+)";

bool IsWordByte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80 || c == '_';
}

// Links often end a sentence: "go to evil.top." — the final dot is not the link's.
uint32_t TrimTrailingPunctuation(std::string_view text, uint32_t start, uint32_t end) {
  while (end > start && std::string_view(".,;:!?)]}'\"*").find(text[end - 1]) != std::string_view::npos)
    --end;
  return end;
}

// Chinese, Japanese, Thai, Lao, Khmer and Burmese put no space between words, and Korean joins its
// particles to them: "请登录paypal.com更新", "詳しくはamazon.co.jpを", "paypal.com에서". A link's or
// address's letters may be of these scripts, but a run of them does not run on into Latin letters or digits.
bool IsUnspacedScript(UChar32 c) {
  if (c < 0x0E00) return false;  // below Thai: none of them
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(c, &status);
  return script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA ||
         script == USCRIPT_HANGUL || script == USCRIPT_THAI || script == USCRIPT_LAO ||
         script == USCRIPT_KHMER || script == USCRIPT_MYANMAR;
}

bool IsAsciiAlnum(UChar32 c) { return c < 0x80 && std::isalnum(static_cast<int>(c)); }

// [start, end) cut where such a run meets an ASCII letter or digit: a leading run (up to the first
// '.' or '@') is the sentence before, and from the first later meeting on, the sentence after.
void CutAtUnspacedScript(std::string_view text, uint32_t* start, uint32_t* end, bool leading) {
  const char* s = text.data();
  auto next = [&](int32_t at, UChar32* c) {
    U8_NEXT(s, at, static_cast<int32_t>(*end), *c);
    return at;
  };
  if (leading) {
    UChar32 previous = 0, c;
    for (int32_t at = static_cast<int32_t>(*start), after; at < static_cast<int32_t>(*end); at = after) {
      after = next(at, &c);
      if (c == '.' || c == '@' || c == '/' || c == ':') break;
      if (IsUnspacedScript(previous) && IsAsciiAlnum(c)) *start = static_cast<uint32_t>(at);
      previous = c;
    }
  }
  UChar32 previous = 0, c;
  for (int32_t at = static_cast<int32_t>(*start), after; at < static_cast<int32_t>(*end); at = after) {
    after = next(at, &c);
    if (IsAsciiAlnum(previous) && IsUnspacedScript(c)) {
      *end = static_cast<uint32_t>(at);
      return;
    }
    previous = c;
  }
}

bool Inside(const Contact& c, uint32_t start, uint32_t end) { return c.start <= start && end <= c.end; }

// The longest handle any platform allows (Telegram: 32); a longer run keeps its first 32.
constexpr size_t kMaxHandleLetters = 32;

// The end of "@" and at most kMaxHandleLetters characters from `start`.
uint32_t CutHandle(std::string_view text, uint32_t start, uint32_t end) {
  int32_t at = static_cast<int32_t>(start) + 1;
  U8_FWD_N(text.data(), at, static_cast<int32_t>(end), kMaxHandleLetters);
  return static_cast<uint32_t>(at);
}

// "700-3000", "1500-2500": a range of round sums ("earn 700-3000 per day"), not a local number, though
// libphonenumber finds the digits a possible length for many countries. Local numbers rarely end in 00 twice.
bool IsRangeOfRoundSums(std::string_view written) {
  size_t dash = written.find('-');
  if (dash == std::string_view::npos || written.find_first_not_of("0123456789-") != std::string_view::npos ||
      written.find('-', dash + 1) != std::string_view::npos)
    return false;
  std::string_view low = written.substr(0, dash), high = written.substr(dash + 1);
  return low.size() >= 3 && high.size() >= 3 && low.ends_with("00") && high.ends_with("00");
}

// A number written as E.164 ("+447700900123") split into its calling code and national number without
// libphonenumber's parser, whose ICU regexes cost more than the rest of a check. False when it does not
// split that simply (a national part starting with 0, as Italy's landlines): only the parser reads those.
bool SplitE164(std::string_view written, i18n::phonenumbers::PhoneNumber* number) {
  if (written.size() < 3 || written[0] != '+' || written[1] == '0' || written.size() > 16 ||
      written.find_first_not_of("0123456789", 1) != std::string_view::npos)
    return false;
  const auto* util = i18n::phonenumbers::PhoneNumberUtil::GetInstance();
  for (int length = 1; length <= 3; ++length) {
    int code = std::stoi(std::string(written.substr(1, length)));
    std::string code_region;
    util->GetRegionCodeForCountryCode(code,
                                      &code_region);  // "ZZ": no such calling code ("001": non-geographic)
    if (code_region == "ZZ") continue;                // calling codes are prefix-free: try a longer one
    std::string_view national = written.substr(1 + length);
    if (national.empty() || national[0] == '0') return false;
    number->set_country_code(code);
    number->set_national_number(std::stoull(std::string(national)));
    return true;
  }
  return false;
}

// "@apple.com #518274" closes an origin-bound one-time code (WICG, "Origin-bound one-time codes delivered
// via SMS"): the "@" names the website the code is for, not an account. True when `at` (the end of the
// "@name") is followed by " #" and a code of 4 or more letters and digits.
bool IsOriginBoundCodeLine(std::string_view text, uint32_t at) {
  if (text.substr(at, 2) != " #") return false;
  size_t code = at + 2, end = code;
  bool digit = false;
  for (; end < text.size() && std::isalnum(static_cast<unsigned char>(text[end])); ++end)
    digit |= std::isdigit(static_cast<unsigned char>(text[end])) != 0;
  return end - code >= 4 && digit;  // a code, not a hashtag
}

}  // namespace

std::string_view ContactKindName(Contact::Kind kind) {
  switch (kind) {
    case Contact::kUrl: return "url";
    case Contact::kEmail: return "email";
    case Contact::kPhone: return "phone";
    case Contact::kHandle: return "handle";
  }
  return "";
}

bool IsSentencesJoined(std::string_view written) {
  size_t dot = written.find('.');
  if (dot == 0 || dot == std::string_view::npos || dot + 2 >= written.size()) return false;
  std::string_view word = written.substr(0, dot), next = written.substr(dot + 1);
  auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto capitalised = [&](std::string_view w) {
    return upper(w[0]) && std::all_of(w.begin() + 1, w.end(), lower);
  };
  if (word == "www" || !capitalised(next) || next == "Com" || next == "Net" || next == "Org") return false;
  return std::all_of(word.begin(), word.end(), lower) || capitalised(word);
}

ContactExtractor::ContactExtractor(PatternSet* patterns) {
  std::string domain = std::string(kLabel) + "(?:" + std::string(kDot) + std::string(kLabel) + ")+";
  // Each with a trigger: the part Vectorscan looks for, since these shapes
  // begin at almost any letter and would keep its automaton busy at every byte.
  // whatsapp:// and tg:// open the apps; ParseHost reads them as the web links they equal. "http //" (the
  // colon dropped, as some senders write a link to keep it from being made clickable, and as some
  // archives of texts store them) is a link as surely as "hxxp://".
  std::string scheme = R"((?:h[tx]{2}ps?|ftp|whatsapp|tg)(?::|\[:\]| )//)";
  std::string dotted = "[\\p{L}\\p{N}]" + std::string(kDot) + "[\\p{L}\\p{N}]";
  url_ = patterns->Add(scheme + std::string(kLinkTail), scheme);
  www_ = patterns->Add("www" + std::string(kDot) + std::string(kLinkTail), "www" + std::string(kDot));
  domain_ = patterns->Add(domain + R"((?:/[^\s<>"']*)?)", dotted);
  email_ = patterns->Add(R"([\p{L}\p{N}._%+-]+@)" + domain, R"([\p{L}\p{N}._%+-]@[\p{L}\p{N}])");
  phone_ = patterns->Add(R"(\+?\d[\d \-().]{6,20}\d)");
  // Unbounded here and cut to kMaxHandleLetters in Extract(): "{1,31}" of these
  // classes made a program of 43,000 instructions that took RE2 30 ms to compile.
  handle_ = patterns->Add(R"(@[\p{L}\p{N}_][\p{L}\p{N}_.]*)", R"(@[\p{L}\p{N}_][\p{L}\p{N}_.])");
}

bool IsPremiumRate(const std::string& e164) {
  using i18n::phonenumbers::PhoneNumberUtil;
  const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
  i18n::phonenumbers::PhoneNumber number;
  if (!SplitE164(e164, &number) && util->Parse(e164, "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR)
    return false;
  return util->GetNumberType(number) == PhoneNumberUtil::PREMIUM_RATE;
}

std::string NormalizePhone(std::string_view written, const std::string& region) {
  using i18n::phonenumbers::PhoneNumber;
  using i18n::phonenumbers::PhoneNumberUtil;
  int digits = static_cast<int>(std::count_if(written.begin(), written.end(), ::isdigit));
  if (digits < 7 || digits > 15) return "";
  const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  // Written as E.164 already ("+447700900123", as SMS gateways give senders): ask only whether the length
  // is possible.
  if (SplitE164(written, &number)) return util->IsPossibleNumber(number) ? std::string(written) : "";
  std::string text(written);
  std::string reading_region = region.empty() ? "ZZ" : region;
  std::transform(reading_region.begin(), reading_region.end(), reading_region.begin(), ::toupper);
  if (util->Parse(text, reading_region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) return "";
  if (!util->IsPossibleNumber(number)) return "";
  std::string e164;
  util->Format(number, PhoneNumberUtil::E164, &e164);
  return e164;
}

std::vector<Contact> ContactExtractor::Extract(std::string_view text, const std::vector<Match>& matches,
                                               const std::string& region) const {
  // Longer kinds first, so a domain inside a link or an address is skipped.
  std::vector<Contact> found;
  auto covered = [&](uint32_t start, uint32_t end) {
    return std::any_of(found.begin(), found.end(), [&](const Contact& c) { return Inside(c, start, end); });
  };
  for (uint32_t kind : {url_, www_, email_, domain_, handle_, phone_}) {
    for (const Match& m : matches) {
      if (m.pattern != kind) continue;
      char before = m.start > 0 ? text[m.start - 1] : ' ';
      // A letter of such a script right before is the end of the word before, not part of this one.
      UChar32 before_char = ' ';
      if (m.start > 0) {
        int32_t at = static_cast<int32_t>(m.start);
        U8_PREV(text.data(), 0, at, before_char);
      }
      const bool after_unspaced = IsUnspacedScript(before_char);
      uint32_t start = m.start, end = kind == handle_ ? CutHandle(text, m.start, m.end) : m.end;
      if (kind != phone_) CutAtUnspacedScript(text, &start, &end, kind == domain_ || kind == email_);
      end = TrimTrailingPunctuation(text, start, end);
      if (end <= start || covered(start, end)) continue;
      std::string_view value = text.substr(start, end - start);
      Contact c{Contact::kUrl, start, end, std::string(value), {}, {}, {}, {}};
      if (kind == url_ || kind == www_ || kind == domain_) {
        if (kind == domain_ && (IsWordByte(before) || before == '@' || before == '.' || before == '/') &&
            start == m.start && !after_unspaced)
          continue;
        if (!ParseHost(value, &c.host) || (kind == domain_ && c.host.is_ip)) continue;
      } else if (kind == email_) {
        c.kind = Contact::kEmail;
        size_t at = value.rfind('@');
        c.local_part = std::string(value.substr(0, at));
        if (!ParseHost(value.substr(at + 1), &c.host)) continue;
      } else if (kind == handle_) {
        if (IsWordByte(before) && !after_unspaced) continue;
        if (IsOriginBoundCodeLine(text, end) && ParseHost(value.substr(1), &c.host) &&
            !c.host.registrable.empty()) {
          c.start = start + 1;  // the website's name, without the "@"
          c.value = std::string(value.substr(1));
        } else {
          c.kind = Contact::kHandle;
          c.handle = std::string(value.substr(1));
        }
      } else {
        if (std::isdigit(static_cast<unsigned char>(before)) || IsRangeOfRoundSums(value)) continue;
        c.kind = Contact::kPhone;
        c.phone = NormalizePhone(value, region);
        if (c.phone.empty()) continue;
      }
      found.push_back(std::move(c));
    }
  }
  std::sort(found.begin(), found.end(), [](const Contact& a, const Contact& b) { return a.start < b.start; });
  return found;
}

}  // namespace redflag
