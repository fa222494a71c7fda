// HTML to plain text for analysis, with gumbo (an HTML5 parser, as browsers
// parse): what a reader sees, one block a line, and each link kept after its
// visible words as "words <href>", so the link can be judged and quoted.
#ifndef REDFLAG_INTAKE_HTML_TEXT_H_
#define REDFLAG_INTAKE_HTML_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace redflag {

// One <a href> of the page, with byte offsets into HtmlText::text.
struct HtmlLink {
  std::string href;                       // as written (entities decoded)
  uint32_t text_start = 0, text_end = 0;  // the visible words (may be empty)
  uint32_t href_start = 0, href_end = 0;  // the "<href>" added after them; equal when not added
};

struct HtmlText {
  std::string text;  // UTF-8
  std::vector<HtmlLink> links;
};

// Never fails: gumbo parses any bytes as browsers would. Text inside <script>,
// <style>, <head> and <template> is not shown to a reader, so it is left out.
HtmlText HtmlToText(std::string_view html);

// How deep the page's elements nest, as a quick scan of its tags estimates it
// (void elements and those whose end tag may be left out are not counted; an
// end tag closes the latest open element of its name). Stops counting above
// `stop_above`. gumbo's time and memory grow with the square of the nesting,
// so a reader refuses a page above a limit before parsing it.
size_t HtmlNestingDepth(std::string_view html, size_t stop_above);

}  // namespace redflag

#endif  // REDFLAG_INTAKE_HTML_TEXT_H_
