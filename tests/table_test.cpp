#include <gtest/gtest.h>

#include <sstream>

#include "report/table.h"

namespace vidcost {
namespace {

Table sample() {
  Table t;
  t.columns = {{"name", true}, {"price", true}, {"hidden", false}};
  t.add_row({Cell::of("铂金会员"), Cell::number("0.6207"), Cell::of(true)});
  t.add_row({Cell::of("Pro"), Cell::number("0.0863"), Cell::null()});
  return t;
}

std::string render_as(Format f) {
  std::ostringstream out;
  render(sample(), {f, false}, out);
  return out.str();
}

TEST(Render, TextTableAlignsChineseByDisplayWidth) {
  EXPECT_EQ(render_as(Format::Table),
            "name       price\n"
            "铂金会员  0.6207\n"
            "Pro       0.0863\n");
}

TEST(Render, CsvCarriesEveryColumn) {
  EXPECT_EQ(render_as(Format::Csv), "name,price,hidden\n铂金会员,0.6207,true\nPro,0.0863,\n");
}

TEST(Render, JsonKeepsAmountsAsStrings) {
  const std::string json = render_as(Format::Json);
  EXPECT_NE(json.find("\"price\": \"0.6207\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"hidden\": null"), std::string::npos) << json;
}

TEST(Render, MarkdownRightAlignsNumbers) {
  EXPECT_EQ(render_as(Format::Markdown),
            "| name | price | hidden |\n|---|---:|---|\n| 铂金会员 | 0.6207 | true |\n| Pro | 0.0863 |  |\n");
}

TEST(Render, CsvQuotesFieldsThatNeedIt) {
  Table t;
  t.columns = {{"a", true}};
  t.add_row({Cell::of("x, \"y\"")});
  std::ostringstream out;
  render(t, {Format::Csv, false}, out);
  EXPECT_EQ(out.str(), "a\n\"x, \"\"y\"\"\"\n");
}

}  // namespace
}  // namespace vidcost
