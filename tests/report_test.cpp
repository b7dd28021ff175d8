// `vidcost report`: the page's numbers are compare's, and the page works in a real browser
// (Debian's headless Chromium): every row is there, the charts have their series, a sort by a
// column puts the rows in that order, and the console shows no error. The screenshot is kept
// in the build directory (report-screenshot.png) for a person to look at.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "money/decimal.h"
#include "test_support.h"

namespace vidcost {
namespace {

namespace fs = std::filesystem;
using testing::run;

const std::vector<std::string> kPatterns = {"kling/2.1/pro@5s", "hailuo/02/768p@6s"};

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

fs::path write_report(const std::string& name) {
  const fs::path path = fs::temp_directory_path() / name;
  std::vector<std::string> args = {"report", path.string()};
  args.insert(args.end(), kPatterns.begin(), kPatterns.end());
  const auto r = run(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return path;
}

// compare's per-second prices in USD, in its order (its priced rows).
std::vector<std::string> compare_per_second() {
  std::vector<std::string> args = {"compare", "--currency", "USD", "--format", "json"};
  args.insert(args.end(), kPatterns.begin(), kPatterns.end());
  std::vector<std::string> out;
  for (const auto& row : nlohmann::json::parse(run(args).out)) {
    if (row["per_second"].is_string()) out.push_back(row["per_second"]);
  }
  return out;
}

// The per_second cells of the page's comparison table, in page order.
std::vector<std::string> page_per_second(const std::string& html) {
  const auto table = html.find("<table id=\"comparison\"");
  const auto end = html.find("</table>", table);
  const std::string t = html.substr(table, end - table);
  std::vector<std::string> names;
  const std::regex th("<th data-column=\"\\d+\"[^>]*>([^<]*)</th>");
  for (std::sregex_iterator it(t.begin(), t.end(), th), e; it != e; ++it) names.push_back((*it)[1]);
  const auto column = static_cast<std::size_t>(std::find(names.begin(), names.end(), "per_second") - names.begin());
  std::vector<std::string> out;
  const std::regex tr("<tr>(.*?)</tr>");
  const std::regex td("<td[^>]*>([^<]*)</td>");
  for (std::sregex_iterator it(t.begin(), t.end(), tr), e; it != e; ++it) {
    const std::string row = (*it)[1];
    std::vector<std::string> cells;
    for (std::sregex_iterator c(row.begin(), row.end(), td), ce; c != ce; ++c) cells.push_back((*c)[1]);
    if (column < cells.size()) out.push_back(cells[column]);
  }
  return out;
}

TEST(Report, TheTableIsCompareRowForRow) {
  const fs::path path = write_report("vidcost-report-test.html");
  const std::string html = slurp(path);
  fs::remove(path);
  const auto expected = compare_per_second();
  ASSERT_GT(expected.size(), 20u);
  EXPECT_EQ(page_per_second(html), expected);
  // Self-contained: no external script, style, font or image.
  for (const char* external : {"src=\"http", "href=\"http", "@import", "url(http"}) {
    EXPECT_EQ(html.find(external), std::string::npos) << external;
  }
  for (const char* section : {"<h2>Price over time</h2>", "<h2>Break-even: kling/2.1/pro@5s</h2>",
                              "<h2>Margin bands: kling/2.1/pro@5s</h2>", "<h2>Sources</h2>"}) {
    EXPECT_NE(html.find(section), std::string::npos) << section;
  }
}

TEST(ReportBrowser, RendersSortsAndLogsNoErrors) {
  if (std::system("command -v chromium > /dev/null 2>&1") != 0) {
    FAIL() << "Debian's chromium is needed for this test (scripts/deps.sh installs it)";
  }
  const fs::path path = write_report("vidcost-report-browser.html");
  const fs::path dir = fs::temp_directory_path() / "vidcost-report-chromium";
  fs::create_directories(dir);
  const std::string flags =
      "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
      "--disable-component-update --disable-sync --user-data-dir=" + (dir / "profile").string();
  const std::string url = "file://" + path.string() + "#sort=per_second:desc";
  const fs::path dom = dir / "dom.html", log = dir / "log.txt";
  const std::string dump = "chromium " + flags + " --enable-logging=stderr --v=0 --dump-dom '" + url + "' > " +
                           dom.string() + " 2> " + log.string();
  ASSERT_EQ(std::system(dump.c_str()), 0) << slurp(log);
  const std::string page = slurp(dom);
  // The script ran to its end and counted what the browser built.
  EXPECT_NE(page.find("data-ready=\"yes\""), std::string::npos);
  const auto expected = compare_per_second();
  EXPECT_NE(page.find("data-rows=\"" + std::to_string(expected.size()) + "\""), std::string::npos);
  std::smatch series;
  ASSERT_TRUE(std::regex_search(page, series, std::regex("data-series=\"(\\d+)\"")));
  EXPECT_GE(std::stoi(series[1]), 4);  // two providers over time, break-even lines
  // Sorted by per_second, descending: the rows in the page are in that order now.
  const auto shown = page_per_second(page);
  ASSERT_EQ(shown.size(), expected.size());
  for (std::size_t i = 1; i < shown.size(); ++i) {
    EXPECT_FALSE(*parse_exact(shown[i - 1]) < *parse_exact(shown[i])) << i;
  }
  EXPECT_EQ(*parse_exact(shown.front()), *parse_exact(expected.back()));
  // No script error or failed load in the console.
  const std::string console = slurp(log);
  for (const char* bad : {"Uncaught", "ERROR:CONSOLE", "Failed to load resource"}) {
    EXPECT_EQ(console.find(bad), std::string::npos) << bad << "\n" << console;
  }
  // A screenshot, kept for a person to look at.
  const fs::path shot = fs::current_path() / "report-screenshot.png";
  const std::string screenshot = "chromium " + flags + " --window-size=1300,3400 --screenshot=" + shot.string() + " '" +
                                 url + "' > /dev/null 2>&1";
  EXPECT_EQ(std::system(screenshot.c_str()), 0);
  EXPECT_GT(fs::file_size(shot), 50'000u);
  fs::remove(path);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace vidcost
