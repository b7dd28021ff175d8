#include "report/html.h"

#include <fmt/format.h>

#include "core/text.h"

namespace vidcost {

std::string html_escape(std::string_view raw) {
  const std::string text = visible(raw);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string html_table(const Table& table, const std::string& id) {
  std::string s = fmt::format("<table id=\"{}\" class=\"sortable\">\n<thead><tr>", html_escape(id));
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    s += fmt::format("<th data-column=\"{}\" title=\"Sort by {}\">{}</th>", i, html_escape(table.columns[i].name),
                     html_escape(table.columns[i].name));
  }
  s += "</tr></thead>\n<tbody>\n";
  table.for_each_row([&](const std::vector<Cell>& row) {
    s += "<tr>";
    for (const auto& cell : row) {
      const bool numeric = cell.kind == Cell::Kind::Number || cell.kind == Cell::Kind::Integer;
      const std::string text = cell.plain();
      s += numeric ? fmt::format("<td class=\"num\" data-sort=\"{}\">{}</td>", html_escape(text), html_escape(text))
                   : fmt::format("<td>{}</td>", html_escape(text));
    }
    s += "</tr>\n";
  });
  s += "</tbody>\n</table>\n";
  for (const auto& note : table.footnotes) s += fmt::format("<p class=\"note\">{}</p>\n", html_escape(note));
  return s;
}

std::string inline_svg(const std::string& svg_document) {
  const auto start = svg_document.find("<svg");
  return start == std::string::npos ? svg_document : svg_document.substr(start);
}

}  // namespace vidcost
