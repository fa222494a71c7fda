// redflag kb: check and browse the knowledge base.
#include <algorithm>
#include <cstdio>
#include <iostream>

#include "common.h"
#include "detect/pattern_set.h"
#include "report/json.h"

namespace redflag::cli {
namespace {

struct KbOptions {
  std::string dir, what, id, kb_dir, lang = "en";
  size_t slowest = 0;  // lint: list this many patterns, slowest to compile first
  std::string only;    // lint --slowest: just the patterns whose id starts so
};

// The knowledge folder `dir`, or the built-in knowledge base when it is "".
StatusOr<std::shared_ptr<const KnowledgeBase>> Load(const std::string& dir) {
  return dir.empty() ? LoadEmbeddedKnowledge() : LoadKnowledgeDir(dir);
}

// Every pattern compiles into one Vectorscan database on first use; one slow pattern (a story, a verb and a
// noun in any order took 2.7 s) makes every first run wait. Timed alone, each with its file and line.
void ListSlowest(const KbOptions& o) {
  auto kb = Load(o.dir);
  if (!kb.ok()) return;
  std::vector<std::pair<double, const SignalPattern*>> timed;
  for (const SignalPattern& p : (*kb)->signals)
    if (p.id.starts_with(o.only)) timed.emplace_back(PatternSet::CompileSeconds(p.regex), &p);
  std::sort(timed.begin(), timed.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  double total = 0;
  for (const auto& t : timed) total += std::max(t.first, 0.0);
  std::printf("%zu patterns take %.1f s to compile one by one; the slowest:\n", timed.size(), total);
  for (size_t i = 0; i < std::min(o.slowest, timed.size()); ++i)
    std::printf("%7.3f s  %s  %s\n", timed[i].first, timed[i].second->id.c_str(),
                timed[i].second->origin.ToString().c_str());
}

int RunLint(const KbOptions& o) {
  std::vector<std::string> problems = LintKnowledge(o.dir, DefaultCacheDir(), FirstUseNotice());
  for (const auto& p : problems) std::cerr << p << "\n";
  if (!problems.empty()) {
    std::cerr << problems.size() << " problem" << (problems.size() == 1 ? "" : "s") << " in "
              << (o.dir.empty() ? "the built-in knowledge base" : o.dir) << "\n";
    return kExitKnowledge;
  }
  std::cout << "knowledge base OK: " << (o.dir.empty() ? "built-in" : o.dir) << "\n";
  if (o.slowest > 0) ListSlowest(o);
  return kExitOk;
}

int RunList(const KbOptions& o) {
  auto kb = Load(o.kb_dir);
  if (!kb.ok()) return Fail(kb.status());
  const KnowledgeBase& k = **kb;
  if (o.what == "brands") {
    for (const auto& b : k.brands) std::cout << b.id << "\t" << b.name << "\n";
  } else if (o.what == "scams") {
    for (const auto& s : k.scams)
      std::cout << s.id << "\t" << s.name.Get("en") << "\t" << s.family.Get("en") << "\n";
  } else if (o.what == "countries") {
    for (const auto& c : k.countries) std::cout << c.code << "\t" << c.name << "\n";
  } else {
    for (const auto& s : k.signals)
      if (!s.exception) std::cout << s.id << "\t" << s.flag << "\t" << s.lang << "\n";
  }
  return kExitOk;
}

int RunShow(const KbOptions& o) {
  auto kb = Load(o.kb_dir);
  if (!kb.ok()) return Fail(kb.status());
  const KnowledgeBase& k = **kb;
  if (const Brand* b = k.FindBrand(o.id)) {
    std::cout << BrandToJson(*b).dump(2) << "\n";
  } else if (const Scam* s = k.FindScam(o.id)) {
    std::cout << ScamToJson(*s, o.lang).dump(2) << "\n";
  } else if (const Country* c = o.id.size() == 2 ? k.FindCountry(o.id) : nullptr) {
    std::cout << CountryToJson(*c, o.lang).dump(2) << "\n";
  } else {
    return Fail(NotFound("no brand, scam or country '" + o.id + "' (see 'redflag kb list brands|scams|countries')"));
  }
  return kExitOk;
}

}  // namespace

void AddKbCommand(CLI::App* app, int* exit_code) {
  auto o = std::make_shared<KbOptions>();
  CLI::App* kb = app->add_subcommand("kb", "Check and browse the knowledge base");
  kb->require_subcommand(1);
  CLI::App* lint = kb->add_subcommand("lint", "Check every file, pattern and example (file:line and the reason)");
  lint->add_option("dir", o->dir, "The knowledge folder (default: the built-in one)");
  lint->add_option("--slowest", o->slowest,
                   "Then list this many signal patterns, slowest to compile first (timed alone)");
  lint->add_option("--only", o->only,
                   "With --slowest: only the patterns whose id starts with this (en.charge_link)");
  lint->callback([o, exit_code] { *exit_code = RunLint(*o); });
  CLI::App* list = kb->add_subcommand("list", "List brands, scams, signals or countries");
  list->add_option("what", o->what)->required()->check(CLI::IsMember({"brands", "scams", "signals", "countries"}));
  list->add_option("--kb", o->kb_dir, "Another knowledge folder");
  list->callback([o, exit_code] { *exit_code = RunList(*o); });
  CLI::App* show = kb->add_subcommand("show", "Show one brand, scam or country as JSON");
  show->add_option("id", o->id)->required();
  show->add_option("--lang", o->lang, "Language of the texts")->capture_default_str();
  show->add_option("--kb", o->kb_dir, "Another knowledge folder");
  show->callback([o, exit_code] { *exit_code = RunShow(*o); });
}

}  // namespace redflag::cli
