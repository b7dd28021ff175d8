// HTML for the self-contained report: escaped text, a table a reader can sort by any column
// (numbers as numbers), and an SVG chart made inline.
#pragma once

#include <string>
#include <string_view>

#include "report/table.h"

namespace vidcost {

// &, <, >, " and ' as entities; control characters as visible escapes (HTML and SVG alike).
std::string html_escape(std::string_view text);

// A <table> of every column of `table`, with a data-sort key on each cell (numbers as plain
// decimals, so sorting is numeric) and the footnotes under it.
std::string html_table(const Table& table, const std::string& id);

// An SVG document (render_svg's output) without its XML declaration, to sit inside HTML.
std::string inline_svg(const std::string& svg_document);

}  // namespace vidcost
