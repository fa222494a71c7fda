#include "detect/pattern_set.h"

#include <re2/re2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "detect/vectorscan_runtime.h"

namespace redflag {
namespace {

// No HS_FLAG_UCP: Vectorscan does not support \b with it, so \b, \w and \s are
// ASCII, as they are in RE2; \p{L} and friends still see every script
// (knowledge/README.md tells pattern writers). HS_FLAG_DOTALL: the copy only
// has to fire whenever the pattern can match (RE2 confirms), and a "." that
// also takes line ends spares Vectorscan tracking them: its pass over dev
// takes 22 % less time.
constexpr unsigned kFlags = HS_FLAG_UTF8 | HS_FLAG_SINGLEMATCH | HS_FLAG_DOTALL;

int OnMatch(unsigned id, unsigned long long, unsigned long long, unsigned, void* context) {
  static_cast<std::vector<uint32_t>*>(context)->push_back(id);
  return 0;  // continue scanning
}

// The index of the ']' closing the character class that opens at `open` (the regex's end if none does).
size_t ClassEnd(std::string_view regex, size_t open) {
  size_t end = open + 1;
  if (end < regex.size() && regex[end] == '^') ++end;
  if (end < regex.size() && regex[end] == ']') ++end;  // a leading ']' is a member
  while (end < regex.size() && regex[end] != ']') end += regex[end] == '\\' ? 2 : 1;
  return std::min(end, regex.size());
}

// Whether the repeat at `at` ("*", "+", "{2,}" or "{2,5}") takes any number of what precedes it, once
// loosened.
bool RepeatsOpenly(std::string_view regex, size_t at) {
  if (at >= regex.size()) return false;
  if (regex[at] == '*' || regex[at] == '+') return true;
  size_t comma = regex.find_first_not_of("0123456789", at + 1);
  return regex[at] == '{' && comma != std::string_view::npos && comma > at + 1 && regex[comma] == ',';
}

// The Vectorscan copy of a pattern only has to fire whenever the pattern can
// match; RE2 then applies the pattern exactly. So the copy is loosened where
// Vectorscan is slow to compile UTF-8: bounded repeats become open ones
// ("a.{0,40}b" -> "a.{0,}b"), negated classes become "." ("[^\p{L}]" -> ".")
// and so do repeated letters ("\p{L}*" -> ".*", "[\p{L}\p{M}]{2,}" -> ".{2,}"), which
// cuts compile time from minutes to seconds. A repeated letter class beside a
// ".{0,}" cost up to 4 s on its own and changed nothing the copy fires on.
std::string LoosenParts(const std::string& regex) {
  constexpr std::string_view kLetter = "\\p{L}";
  std::string out;
  for (size_t i = 0; i < regex.size(); ++i) {
    char c = regex[i];
    if (regex.compare(i, kLetter.size(), kLetter) == 0 && RepeatsOpenly(regex, i + kLetter.size())) {
      out.push_back('.');
      i += kLetter.size() - 1;
    } else if (c == '\\' && i + 1 < regex.size()) {
      out += regex.substr(i, 2);
      ++i;
    } else if (c == '[') {
      size_t end = ClassEnd(regex, i);
      bool negated = i + 1 < regex.size() && regex[i + 1] == '^';
      std::string_view members = std::string_view(regex).substr(i + 1, end - i - 1);
      bool repeated_letters =
          members.find(kLetter) != std::string_view::npos && RepeatsOpenly(regex, end + 1);
      out += negated || repeated_letters ? std::string(".") : regex.substr(i, end - i + 1);
      i = end;
    } else if (c == '{' && regex.find_first_not_of("0123456789", i + 1) != std::string::npos &&
               regex[regex.find_first_not_of("0123456789", i + 1)] == ',') {
      size_t comma = regex.find_first_not_of("0123456789", i + 1);
      size_t close = regex.find_first_not_of("0123456789", comma + 1);
      if (close < regex.size() && regex[close] == '}' && close > comma + 1) {
        out += regex.substr(i, comma - i + 1) + "}";  // "{m,n}" -> "{m,}"
        i = close;
      } else {
        out.push_back(c);
      }
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// A leading or trailing "not a letter or digit" guard, loosened to
// "(?:^|.)", keeps a state alive at every byte and only slows the scan; it goes.
std::string Loosen(const std::string& regex) {
  std::string out = LoosenParts(regex);
  const std::string_view head = "(?:^|.)", tail = "(?:.|$)";
  if (out.size() > head.size() + tail.size() && out.ends_with(tail)) out.resize(out.size() - tail.size());
  if (out.size() > head.size() && out.starts_with(head)) out.erase(0, head.size());
  return out;
}

// Whether Vectorscan may scan `relaxed` byte by byte instead of as UTF-8 and still fire whenever it can
// match as UTF-8, which is all its copy must do: ASCII only, no \p{..} or \x, no negated class, and every
// one-character wildcard ("." \W \S \D, which take a whole character in UTF-8 mode) repeated without an
// upper bound, so that as bytes it can still take every byte of one character. Half the patterns qualify;
// Vectorscan's pass over dev takes about 8 % less time, with the same matches.
bool ScansAsBytes(std::string_view relaxed) {
  auto not_ascii = [](char c) { return static_cast<unsigned char>(c) >= 0x80; };
  for (size_t i = 0; i < relaxed.size(); ++i) {
    char c = relaxed[i];
    if (not_ascii(c)) return false;
    bool wildcard = c == '.';
    if (c == '\\' && i + 1 < relaxed.size()) {
      char e = relaxed[++i];
      if (std::string_view("pPxXC").find(e) != std::string_view::npos) return false;
      wildcard = e == 'W' || e == 'S' || e == 'D';
    } else if (c == '[') {
      size_t end = ClassEnd(relaxed, i);
      std::string_view members = relaxed.substr(i + 1, end - i - 1);
      if (members.starts_with('^')) return false;
      for (size_t k = 0; k < members.size(); ++k) {
        if (not_ascii(members[k])) return false;
        if (members[k] == '\\' && k + 1 < members.size() &&
            std::string_view("pPxXWSD").find(members[++k]) != std::string_view::npos)
          return false;
      }
      i = end;
      continue;
    }
    if (!wildcard) continue;
    char next = i + 1 < relaxed.size() ? relaxed[i + 1] : '\0';
    size_t close = next == '{' ? relaxed.find('}', i) : std::string_view::npos;
    bool unbounded =
        next == '*' || next == '+' || (close != std::string_view::npos && relaxed[close - 1] == ',');
    if (!unbounded) return false;
  }
  return true;
}

// The flags Vectorscan compiles a loosened copy with: as bytes when it can (ScansAsBytes), else as UTF-8.
// As bytes without HS_FLAG_DOTALL: Vectorscan 5.4.9 scanning bytes with it missed matches ("your photos could
// be the muse for an art project ... you would get paid" fired on its own but not beside an unrelated French
// pattern; on its own, compiled for this CPU, never). Without it "." skips line ends, as RE2's does.
unsigned ScanFlags(std::string_view relaxed) {
  return ScansAsBytes(relaxed) ? kFlags & ~(HS_FLAG_UTF8 | HS_FLAG_DOTALL) : kFlags;
}

// FNV-1a: a stable hash for cache file names (std::hash may differ between builds).
uint64_t Fnv1a(std::string_view data, uint64_t hash = 1469598103934665603ull) {
  for (unsigned char c : data) hash = (hash ^ c) * 1099511628211ull;
  return hash;
}

std::string CacheKey(const std::vector<std::string>& expressions, const std::vector<unsigned>& flags) {
  const hs_platform_info_t& platform = ScanRuntime().platform;
  uint64_t hash = Fnv1a(hs_version());
  hash = Fnv1a(std::string_view(reinterpret_cast<const char*>(&platform), sizeof(platform)), hash);
  for (const std::string& e : expressions) hash = Fnv1a(std::string_view(e.c_str(), e.size() + 1), hash);
  hash = Fnv1a(std::string_view(reinterpret_cast<const char*>(flags.data()), flags.size() * sizeof(unsigned)),
               hash);
  char name[40];
  std::snprintf(name, sizeof(name), "patterns-%016llx.hsdb", static_cast<unsigned long long>(hash));
  return name;
}

hs_database_t* LoadCached(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return nullptr;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::string data = bytes.str();
  hs_database_t* db = nullptr;
  if (hs_deserialize_database(data.data(), data.size(), &db) != HS_SUCCESS) return nullptr;
  std::error_code ec;  // marks it as used, so pruning keeps it
  std::filesystem::last_write_time(file, std::filesystem::file_time_type::clock::now(), ec);
  return db;
}

// Each knowledge base or Vectorscan version leaves a database of about 10 MB; without a bound an
// upgraded install, or anyone editing the patterns, fills the disk. Keeps the most recently used.
void PruneCache(const std::filesystem::path& dir, size_t keep) {
  namespace fs = std::filesystem;
  std::vector<std::pair<fs::file_time_type, fs::path>> files;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (!name.starts_with("patterns-") || !name.ends_with(".hsdb")) continue;
    fs::file_time_type used = e.last_write_time(ec);
    if (!ec) files.emplace_back(used, e.path());
  }
  if (files.size() <= keep) return;
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t i = keep; i < files.size(); ++i) fs::remove(files[i].second, ec);
}

// Written to a temporary file and renamed, so readers never see half a file.
void StoreCached(const std::filesystem::path& file, const hs_database_t* db) {
  char* bytes = nullptr;
  size_t length = 0;
  if (hs_serialize_database(db, &bytes, &length) != HS_SUCCESS) return;
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  std::filesystem::path temp = file;
  temp += ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary);
    out.write(bytes, static_cast<std::streamsize>(length));
  }
  std::free(bytes);
  std::filesystem::rename(temp, file, ec);
  if (ec) std::filesystem::remove(temp, ec);
}

bool IsLetterOrDigit(UChar32 c) { return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_N_MASK)) != 0; }

// Whether `outside` continues the word that `inside` (the match's own first or last character) is part of:
// a letter or digit of the same script. Japanese and Chinese put no space between words, so a change of
// script is a word's edge too: "Amazon" in "Amazonアカウント" is a whole word, "ups" in "groups" is not.
bool ContinuesWord(UChar32 outside, UChar32 inside) {
  if (!IsLetterOrDigit(outside)) return false;
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode a = uscript_getScript(outside, &status), b = uscript_getScript(inside, &status);
  if (U_FAILURE(status) || a == USCRIPT_COMMON || b == USCRIPT_COMMON) return true;  // digits: same word
  return a == b;
}

// Whether [start, end) of `text` is a whole word: no letter or digit of its script just before or just after.
bool IsWholeWord(std::string_view text, size_t start, size_t end) {
  if (start >= end) return true;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t length = static_cast<int32_t>(text.size());
  UChar32 before, first, last, after;
  int32_t i = static_cast<int32_t>(start);
  U8_NEXT_OR_FFFD(s, i, length, first);
  i = static_cast<int32_t>(end);
  U8_PREV_OR_FFFD(s, 0, i, last);
  if (start > 0) {
    i = static_cast<int32_t>(start);
    U8_PREV_OR_FFFD(s, 0, i, before);
    if (ContinuesWord(before, first)) return false;
  }
  if (end < text.size()) {
    i = static_cast<int32_t>(end);
    U8_NEXT_OR_FFFD(s, i, length, after);
    if (ContinuesWord(after, last)) return false;
  }
  return true;
}

// The start of the character after the one at `at`.
size_t NextCharacter(std::string_view text, size_t at) {
  int32_t i = static_cast<int32_t>(at);
  U8_FWD_1(text.data(), i, static_cast<int32_t>(text.size()));
  return static_cast<size_t>(i);
}

RE2::Options TwinOptions() {
  RE2::Options options;
  options.set_log_errors(false);
  return options;
}

}  // namespace

PatternSet::PatternSet() = default;

PatternSet::~PatternSet() {
  for (hs_scratch* s : pool_) hs_free_scratch(s);
  hs_free_scratch(prototype_);
  hs_free_database(database_);
}

uint32_t PatternSet::Add(std::string regex, std::string trigger, Bounds bounds) {
  regexes_.push_back(std::move(regex));
  triggers_.push_back(std::move(trigger));
  bounds_.push_back(bounds);
  return static_cast<uint32_t>(regexes_.size() - 1);
}

std::string PatternSet::Check(const std::string& regex) {
  hs_database_t* db = nullptr;
  hs_compile_error_t* error = nullptr;
  std::string relaxed = Loosen(regex);
  if (hs_compile(relaxed.c_str(), kFlags, HS_MODE_BLOCK, nullptr, &db, &error) != HS_SUCCESS) {
    std::string reason = error ? error->message : "does not compile";
    hs_free_compile_error(error);
    return reason;
  }
  hs_free_database(db);
  return CheckSpanEngine(regex);
}

double PatternSet::CompileSeconds(const std::string& regex) {
  std::string relaxed = Loosen(regex);
  unsigned flags = ScanFlags(relaxed);
  hs_database_t* db = nullptr;
  hs_compile_error_t* error = nullptr;
  auto start = std::chrono::steady_clock::now();
  hs_error_t status = hs_compile(relaxed.c_str(), flags, HS_MODE_BLOCK, &ScanRuntime().platform, &db, &error);
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  hs_free_compile_error(error);
  hs_free_database(db);
  return status == HS_SUCCESS ? took.count() : -1;
}

std::string PatternSet::CheckSpanEngine(const std::string& regex) {
  RE2 twin(regex, TwinOptions());
  return twin.ok() ? "" : "RE2 rejects it: " + twin.error();
}

Status PatternSet::Compile(const std::string& cache_dir, const std::function<void()>& before_compiling) {
  if (regexes_.empty()) return InvalidArgument("no patterns to compile");
  std::vector<std::string> relaxed;
  std::vector<const char*> expressions;
  std::vector<unsigned> ids, flags;
  for (uint32_t i = 0; i < regexes_.size(); ++i) {
    relaxed.push_back(triggers_[i].empty() ? Loosen(regexes_[i]) : triggers_[i]);
    flags.push_back(ScanFlags(relaxed.back()));
  }
  for (uint32_t i = 0; i < regexes_.size(); ++i) {
    expressions.push_back(relaxed[i].c_str());
    ids.push_back(i);
  }
  std::filesystem::path cached;
  if (!cache_dir.empty()) {
    cached = std::filesystem::path(cache_dir) / CacheKey(relaxed, flags);
    database_ = LoadCached(cached);
  }
  if (database_ == nullptr && before_compiling) before_compiling();
  hs_compile_error_t* error = nullptr;
  if (database_ == nullptr && hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                                               static_cast<unsigned>(expressions.size()), HS_MODE_BLOCK,
                                               &ScanRuntime().platform, &database_, &error) != HS_SUCCESS) {
    std::string message = error ? error->message : "unknown error";
    int index = error ? error->expression : -1;
    hs_free_compile_error(error);
    return InvalidArgument(index >= 0 ? "pattern " + std::to_string(index) + ": " + message : message);
  }
  if (!cached.empty() && !std::filesystem::exists(cached)) {
    StoreCached(cached, database_);
    PruneCache(cached.parent_path(), kCachedDatabases);
  }
  if (hs_alloc_scratch(database_, &prototype_) != HS_SUCCESS)
    return Internal("cannot allocate Vectorscan scratch space");
  std::vector<uint32_t> none;
  if (hs_error_t e = ScanRuntime().scan(database_, "", 0, 0, prototype_, OnMatch, &none); e != HS_SUCCESS)
    return Internal(std::string("Vectorscan's ") + ScanRuntime().name +
                    " runtime cannot scan with the database (error " + std::to_string(e) + ")");
  twins_.resize(regexes_.size());
  twin_compiled_ = std::make_unique<std::once_flag[]>(regexes_.size());
  return Status::Ok();
}

hs_scratch* PatternSet::BorrowScratch() const {
  {
    std::lock_guard<std::mutex> lock(pool_mutex_);
    if (!pool_.empty()) {
      hs_scratch* s = pool_.back();
      pool_.pop_back();
      return s;
    }
  }
  hs_scratch* clone = nullptr;
  if (hs_clone_scratch(prototype_, &clone) != HS_SUCCESS) return nullptr;
  return clone;
}

void PatternSet::ReturnScratch(hs_scratch* scratch) const {
  std::lock_guard<std::mutex> lock(pool_mutex_);
  pool_.push_back(scratch);
}

const RE2& PatternSet::Twin(uint32_t index) const {
  std::call_once(twin_compiled_[index], [&] { twins_[index] = std::make_unique<RE2>(regexes_[index], TwinOptions()); });
  return *twins_[index];
}

void PatternSet::CompileSpanFinders(unsigned threads) const {
  std::atomic<uint32_t> next{0};
  auto work = [&] {
    for (uint32_t i; (i = next.fetch_add(1)) < regexes_.size();) Twin(i);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < std::max(1u, threads); ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

void PatternSet::Spans(uint32_t index, std::string_view text, std::vector<Match>* out) const {
  const RE2& re = Twin(index);
  if (!re.ok()) return;
  re2::StringPiece input(text.data(), text.size()), match;
  bool whole_word = bounds_[index] == Bounds::kWholeWord;
  for (size_t at = 0; at <= text.size() && re.Match(input, at, text.size(), RE2::UNANCHORED, &match, 1);) {
    size_t start = match.data() - text.data(), end = start + match.size();
    if (whole_word && !IsWholeWord(text, start, end)) {
      at = NextCharacter(text, start);  // "ups" in "groups": look again one character on
      continue;
    }
    if (end > start) out->push_back({index, static_cast<uint32_t>(start), static_cast<uint32_t>(end)});
    at = end > start ? end : start + 1;
  }
}

std::vector<uint32_t> PatternSet::Fired(std::string_view text) const {
  std::vector<uint32_t> fired;
  if (database_ == nullptr) return fired;
  hs_scratch* scratch = BorrowScratch();
  if (scratch == nullptr) return fired;
  ScanRuntime().scan(database_, text.data(), static_cast<unsigned>(text.size()), 0, scratch, OnMatch, &fired);
  ReturnScratch(scratch);
  return fired;
}

std::vector<Match> PatternSet::Scan(std::string_view text) const {
  std::vector<Match> matches;
  for (uint32_t index : Fired(text)) Spans(index, text, &matches);
  std::sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) {
    return a.start != b.start ? a.start < b.start : a.pattern < b.pattern;
  });
  return matches;
}

}  // namespace redflag
