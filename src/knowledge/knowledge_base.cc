#include <algorithm>
#include <cctype>

#include "knowledge/loader.h"
#include "knowledge/source_file.h"
#include "redflag/knowledge.h"

namespace redflag {

const std::string& LocalizedText::Get(const std::string& lang) const {
  if (auto it = by_lang.find(lang); it != by_lang.end()) return it->second;
  if (auto dash = lang.find('-'); dash != std::string::npos) {
    if (auto it = by_lang.find(lang.substr(0, dash)); it != by_lang.end()) return it->second;
  }
  static const std::string kEmpty;
  auto it = by_lang.find("en");
  return it == by_lang.end() ? kEmpty : it->second;
}

namespace {
template <typename T>
const T* FindById(const std::vector<T>& items, const std::string& id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& t) { return t.id == id; });
  return it == items.end() ? nullptr : &*it;
}

StatusOr<std::shared_ptr<const KnowledgeBase>> Build(const std::vector<SourceFile>& files,
                                                     const std::string& where) {
  std::vector<std::string> problems;
  auto kb = std::make_shared<KnowledgeBase>(ParseKnowledge(files, &problems));
  if (!problems.empty()) {
    std::string message = where + ": " + problems.front();
    if (problems.size() > 1)
      message += " (and " + std::to_string(problems.size() - 1) + " more; run 'redflag kb lint')";
    return KnowledgeError(message);
  }
  return std::shared_ptr<const KnowledgeBase>(std::move(kb));
}
}  // namespace

const FlagInfo* KnowledgeBase::FindFlag(const std::string& id) const { return FindById(flags, id); }
const Brand* KnowledgeBase::FindBrand(const std::string& id) const { return FindById(brands, id); }
const Scam* KnowledgeBase::FindScam(const std::string& id) const { return FindById(scams, id); }

const KnowledgeBase::SharedLink* KnowledgeBase::FindSharedLink(const std::string& host,
                                                               const std::string& registrable) const {
  auto find = [&](std::string_view name, bool profiles) -> const SharedLink* {
    for (const SharedLink& link : shared_links)
      if (link.domain == name && (profiles || link.opens != "profile")) return &link;
    return nullptr;
  };
  if (const SharedLink* link = find(host, true)) return link;
  for (std::string_view web : {"www.", "m.", "web.", "mobile."})
    if (host.starts_with(web))
      if (const SharedLink* link = find(std::string_view(host).substr(web.size()), true)) return link;
  return find(registrable, false);
}

const Country* KnowledgeBase::FindCountry(const std::string& code) const {
  std::string upper = code;
  std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
  auto it = std::find_if(countries.begin(), countries.end(), [&](const Country& c) { return c.code == upper; });
  return it == countries.end() ? nullptr : &*it;
}

std::string FillIn(std::string text, std::string_view placeholder, std::string_view value) {
  for (size_t at = text.find(placeholder); at != std::string::npos;
       at = text.find(placeholder, at + value.size()))
    text.replace(at, placeholder.size(), value);
  return text;
}

std::string KnowledgeBase::EvidenceNote(const std::string& lang, const std::string& key) const {
  return UiText(lang, &UiTexts::evidence_notes, key);
}

std::string KnowledgeBase::UiText(const std::string& lang, UiTextMap texts, const std::string& key) const {
  for (const UiTexts* ui : {&Ui(lang), &Ui("en")})
    if (auto it = (ui->*texts).find(key); it != (ui->*texts).end()) return it->second;
  return key;
}

const UiTexts& KnowledgeBase::Ui(const std::string& lang) const {
  if (auto it = ui.find(lang); it != ui.end()) return it->second;
  if (auto dash = lang.find('-'); dash != std::string::npos)
    if (auto it = ui.find(lang.substr(0, dash)); it != ui.end()) return it->second;
  static const UiTexts kEmpty;
  auto it = ui.find("en");
  return it == ui.end() ? kEmpty : it->second;
}

StatusOr<std::shared_ptr<const KnowledgeBase>> LoadEmbeddedKnowledge() {
  return Build(EmbeddedKnowledgeFiles(), "embedded knowledge");
}

StatusOr<std::shared_ptr<const KnowledgeBase>> LoadKnowledgeDir(const std::string& dir) {
  auto files = ReadKnowledgeDir(dir);
  if (!files.ok()) return files.status();
  return Build(*files, dir);
}

}  // namespace redflag
