#include "text/document.h"

namespace redflag {

Document::Document(const std::string& subject, const std::string& text)
    : joined_(subject.empty() ? text : subject + "\n" + text),
      text_offset_(subject.empty() ? 0 : subject.size() + 1),
      normalized_(Normalize(joined_)) {}

Evidence Document::Quote(uint32_t start, uint32_t end, std::string note) const {
  auto [begin, finish] = normalized_.ToOriginal(start, end);
  Evidence e;
  if (begin < text_offset_) {  // in the subject
    e.field = Field::kSubject;
    finish = std::min<uint32_t>(finish, text_offset_ - 1);
  } else {
    e.field = Field::kText;
    begin -= text_offset_;
    finish -= text_offset_;
  }
  uint32_t base = e.field == Field::kText ? text_offset_ : 0;
  e.start = begin;
  e.end = finish;
  e.text = joined_.substr(base + begin, finish - begin);
  e.note = std::move(note);
  return e;
}

Evidence QuoteField(Field field, const std::string& value, std::string note) {
  return Evidence{field, 0, static_cast<uint32_t>(value.size()), value, std::move(note)};
}

}  // namespace redflag
