#include "intake/html_text.h"

#include <gumbo.h>

#include <algorithm>
#include <map>
#include <memory>

namespace redflag {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_BODY:
      return true;
    default:
      return false;
  }
}

bool IsHidden(GumboTag tag) {
  return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_HEAD ||
         tag == GUMBO_TAG_TEMPLATE || tag == GUMBO_TAG_NOSCRIPT;
}

// Appends words with HTML's whitespace rule: a run of spaces is one space, and
// a block boundary is one line break. Separators are written lazily, only
// before the next word, so offsets taken between calls are final.
class TextBuilder {
 public:
  void Words(std::string_view s) {
    for (char c : s) {
      if (IsSpace(c)) {
        space_ = true;
        continue;
      }
      Flush();
      out_.text.push_back(c);
    }
  }
  void Break() { newline_ = true; }
  void Space() { space_ = true; }
  // Writes a pending separator now, so the next words start at size().
  void Flush() {
    if (out_.text.empty()) {
      space_ = newline_ = false;
      return;
    }
    if (newline_)
      out_.text.push_back('\n');
    else if (space_)
      out_.text.push_back(' ');
    space_ = newline_ = false;
  }
  uint32_t size() const { return static_cast<uint32_t>(out_.text.size()); }
  HtmlText& out() { return out_; }

 private:
  HtmlText out_;
  bool space_ = false, newline_ = false;
};

std::string_view Trimmed(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

void Walk(const GumboNode* node, TextBuilder* b) {
  // An explicit stack: mail HTML can nest thousands of elements deep.
  struct Frame {
    const GumboNode* node;
    unsigned next_child;
    int link;  // index into links while inside an <a href>, else -1
  };
  std::vector<Frame> stack{{node, 0, -1}};
  while (!stack.empty()) {
    Frame& f = stack.back();
    const GumboNode* n = f.node;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
      b->Words(n->v.text.text);
      stack.pop_back();
      continue;
    }
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT && n->type != GUMBO_NODE_TEMPLATE) {
      stack.pop_back();
      continue;
    }
    const GumboVector& children =
        n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
    GumboTag tag = n->type == GUMBO_NODE_DOCUMENT ? GUMBO_TAG_UNKNOWN : n->v.element.tag;
    if (f.next_child == 0) {  // entering
      if (IsHidden(tag)) {
        stack.pop_back();
        continue;
      }
      if (IsBlock(tag)) b->Break();
      if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) b->Space();
      if (tag == GUMBO_TAG_A) {
        if (const GumboAttribute* href = gumbo_get_attribute(&n->v.element.attributes, "href")) {
          b->Flush();
          HtmlLink link;
          link.href = std::string(Trimmed(href->value));
          link.text_start = b->size();
          b->out().links.push_back(std::move(link));
          f.link = static_cast<int>(b->out().links.size()) - 1;
        }
      }
    }
    if (f.next_child < children.length) {
      const auto* child = static_cast<const GumboNode*>(children.data[f.next_child++]);
      stack.push_back({child, 0, -1});
      continue;
    }
    // leaving
    if (f.link >= 0) {
      HtmlLink& link = b->out().links[f.link];
      link.text_end = std::max(link.text_start, b->size());
      std::string_view shown(b->out().text.data() + link.text_start, link.text_end - link.text_start);
      link.href_start = link.href_end = link.text_end;
      if (!link.href.empty() && Trimmed(shown) != link.href) {
        b->Space();
        b->Flush();
        link.href_start = b->size();
        b->Words("<" + link.href + ">");
        link.href_end = b->size();
      }
    }
    if (IsBlock(tag)) b->Break();
    stack.pop_back();
  }
}

// Elements that never hold others, or whose end tag is optional (the parser
// closes them itself): they do not deepen the tree.
bool NeverNests(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
      "track", "wbr", "p", "li", "td", "th", "tr", "option", "optgroup", "dt", "dd", "thead", "tbody",
      "tfoot", "colgroup", "rb", "rt", "rp", "html", "head", "body"};
  return std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames);
}

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

size_t HtmlNestingDepth(std::string_view html, size_t stop_above) {
  std::vector<std::string> open;
  std::map<std::string, size_t> open_count;
  size_t deepest = 0;
  for (size_t at = html.find('<'); at != std::string_view::npos && deepest <= stop_above;
       at = html.find('<', at + 1)) {
    if (html.compare(at, 4, "<!--") == 0) {  // a comment
      at = html.find("-->", at + 4);
      if (at == std::string_view::npos) break;
      continue;
    }
    bool closing = at + 1 < html.size() && html[at + 1] == '/';
    size_t name_at = at + (closing ? 2 : 1);
    if (name_at >= html.size() || !IsAsciiAlpha(html[name_at])) continue;
    size_t name_end = name_at;
    while (name_end < html.size() && !IsSpace(html[name_end]) && html[name_end] != '>' && html[name_end] != '/')
      ++name_end;
    std::string name(html.substr(name_at, name_end - name_at));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    size_t end = html.find('>', name_end);
    if (end == std::string_view::npos) break;
    if (closing) {
      if (open_count[name] == 0) continue;  // the parser ignores a stray end tag
      while (!open.empty()) {
        std::string top = std::move(open.back());
        open.pop_back();
        --open_count[top];
        if (top == name) break;
      }
      continue;
    }
    if (name == "script" || name == "style") {  // raw text up to its end tag
      size_t close = html.find("</" + name, end);
      if (close == std::string_view::npos) break;
      at = close;
      continue;
    }
    if (html[end - 1] == '/' || NeverNests(name)) continue;
    open.push_back(name);
    ++open_count[name];
    deepest = std::max(deepest, open.size());
    at = end;
  }
  return deepest;
}

HtmlText HtmlToText(std::string_view html) {
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> doc(
      gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()),
      [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
  TextBuilder b;
  Walk(doc->document, &b);
  return std::move(b.out());
}

}  // namespace redflag
