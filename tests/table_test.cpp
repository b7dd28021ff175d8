#include <gtest/gtest.h>

#include <sstream>

#include "core/text.h"
#include "report/chunked_text.h"
#include "report/svg_chart.h"
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

// The same rows, made one at a time: the first row held, the other two streamed.
Table streamed_sample() {
  const Table held = sample();
  Table t;
  t.columns = held.columns;
  t.add_row(held.rows[0]);
  t.streamed = 2;
  t.make_row = [](std::size_t i, RowSink& row) {
    row.text(i == 0 ? "Pro" : "=cmd|' /C calc'!A0, \"x\"");
    // A number given as digits (copied without a scan by the CSV writer) renders as any number.
    if (i == 0) {
      row.number("0.0863");
    } else {
      row.digits("-1");
    }
    row.null();
  };
  return t;
}

TEST(Render, StreamedRowsRenderExactlyAsHeldRowsInEveryFormat) {
  Table held = sample();
  held.add_row({Cell::of("=cmd|' /C calc'!A0, \"x\""), Cell::number("-1"), Cell::null()});
  for (const Format f : {Format::Table, Format::Csv, Format::Json, Format::Markdown}) {
    std::ostringstream a, b;
    render(held, {f, false}, a);
    render(streamed_sample(), {f, false}, b);
    EXPECT_EQ(b.str(), a.str()) << format_name(f);
  }
  // The layout JSON had when the whole array was dumped at once by nlohmann::json.
  std::ostringstream json;
  render(streamed_sample(), {Format::Json, false}, json);
  const std::string first = "[\n  {\n    \"name\": \"铂金会员\",\n    \"price\": \"0.6207\",\n    \"hidden\": true\n  },\n  {";
  EXPECT_EQ(json.str().substr(0, first.size()), first);
  EXPECT_EQ(json.str().substr(json.str().size() - 4), "}\n]\n");
  Table empty;
  empty.columns = held.columns;
  std::ostringstream none;
  render(empty, {Format::Json, false}, none);
  EXPECT_EQ(none.str(), "[]\n");
}

TEST(Render, ExtendedRowsGetTheirCellsHeldOrStreamed) {
  Table t = streamed_sample();
  t.columns.push_back({"row"});
  t.extend_rows([](std::size_t i, RowSink& row) { row.integer(static_cast<std::int64_t>(i)); });
  std::vector<std::string> seen;
  t.for_each_row([&](const std::vector<Cell>& row) { seen.push_back(row[0].plain() + "/" + row[3].plain()); });
  EXPECT_EQ(seen, (std::vector<std::string>{"铂金会员/0", "Pro/1", "=cmd|' /C calc'!A0, \"x\"/2"}));
  t.hold_rows();
  EXPECT_EQ(t.streamed, 0u);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[2][3].plain(), "2");
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

// CSV text is checked sixteen bytes at a time or through a table: every byte value, at every
// place in a block and in the tail (lengths 1 to 18 and 30 to 34), must come out as the byte-by-byte rule writes it: shown escaped
// where visible() escapes it, quoted when it is a comma or a double quote, else as it is.
TEST(Render, CsvChecksEveryByteWhereverItSits) {
  for (int byte = 0; byte < 256; ++byte) {
    const char c = static_cast<char>(byte);
    for (const std::size_t length : {1, 2, 3, 5, 7, 8, 9, 12, 15, 16, 17, 18, 30, 31, 32, 33, 34}) {
      for (std::size_t at = 0; at < length; ++at) {
        std::string field(length, 'k');
        field[at] = c;
        std::string expected = visible(field);
        if (c == ',') expected = '"' + field + '"';
        if (c == '"') expected = '"' + std::string(length - 1, 'k').insert(at, "\"\"") + '"';
        Table t;
        t.columns = {{"a", true}};
        t.add_row({Cell::number(field)});  // a number: no formula apostrophe to think of
        std::ostringstream out;
        render(t, {Format::Csv, false}, out);
        ASSERT_EQ(out.str(), "a\n" + expected + "\n") << "byte " << byte << " at " << at << " of " << length;
      }
    }
  }
}

}  // namespace
}  // namespace vidcost

namespace vidcost {
namespace {

// Every length from 0 to 40, at every offset into the room, copied without touching a byte
// past its end (the room is filled with '#' first).
TEST(ChunkedText, CopiesEveryShortLengthExactly) {
  std::string source;
  for (int i = 0; i < 64; ++i) source += static_cast<char>('a' + i % 26);
  for (std::size_t n = 0; n <= 40; ++n) {
    for (std::size_t at = 0; at < 9; ++at) {
      std::string room(64, '#');
      copy_bytes(room.data() + at, source.data() + 3, n);
      EXPECT_EQ(room.substr(0, at), std::string(at, '#')) << n << " at " << at;
      EXPECT_EQ(room.substr(at, n), source.substr(3, n)) << n << " at " << at;
      EXPECT_EQ(room.substr(at + n), std::string(64 - at - n, '#')) << n << " at " << at;
    }
  }
}

// Text past its first room and past a chunk: kept whole, in order, written out once flushed
// (and on destruction), and a second buffer made while the first is alive has its own room.
TEST(ChunkedText, GrowsFlushesAndKeepsOrder) {
  std::ostringstream out, other;
  std::string expected;
  {
    ChunkedText text(out);
    for (int i = 0; i < 20000; ++i) {
      const std::string piece = std::to_string(i) + (i % 7 == 0 ? std::string(50, 'x') : ",");
      text += piece;
      expected += piece;
      if (i % 1000 == 0) {
        ChunkedText nested(other);
        nested += "nested";
      }
      text.maybe_flush();
    }
    const std::string big(300 * 1024, 'y');  // one piece larger than a chunk
    text += big;
    expected += big;
    char* at = text.room(3);
    at[0] = 'e', at[1] = 'n', at[2] = 'd';
    text.commit(2);  // only "en" is kept
    expected += "en";
  }
  EXPECT_EQ(out.str(), expected);
  EXPECT_EQ(other.str().size(), 20 * 6u);
}

TEST(SafeText, ControlCharactersAndBidiOverridesAreShownEscaped) {
  EXPECT_EQ(visible("Pro\x1b[2J"), "Pro\\x1b[2J");
  EXPECT_EQ(visible("a\x07" "b\x7f"), "a\\x07b\\x7f");
  EXPECT_EQ(visible("x\xc2\x9b" "y"), "x\\u009by");              // C1 CSI
  EXPECT_EQ(visible("\xe2\x80\xae" "evil"), "\\u202eevil");       // right-to-left override
  EXPECT_EQ(visible("\xe2\x81\xa6" "i"), "\\u2066i");             // left-to-right isolate
  EXPECT_EQ(visible("黄金会员 – ok"), "黄金会员 – ok");            // CJK and an en dash are text
}

TEST(SafeText, CsvNeutralisesFormulasButNotNumbers) {
  Table t;
  t.columns = {{"name", true}, {"change", true}};
  t.add_row({Cell::of("=HYPERLINK(\"http://x\")"), Cell::number("-28.6")});
  t.add_row({Cell::of("@SUM(A1)"), Cell::number("3")});
  t.add_row({Cell::of("-2+3"), Cell::number("0")});
  std::ostringstream out;
  render(t, RenderOptions{Format::Csv}, out);
  EXPECT_EQ(out.str(), "name,change\n\"'=HYPERLINK(\"\"http://x\"\")\",-28.6\n'@SUM(A1),3\n'-2+3,0\n");
}

}  // namespace
}  // namespace vidcost

namespace vidcost {
namespace {

Table wide_table() {
  Table t;
  t.columns = {{"spec", true}, {"detail", true}, {"per_second", true}};
  t.add_row({Cell::of("kling/2.5-turbo/pro@5s"),
             Cell::of("300 on the API (2.5 units each: unit packs first, then USD 0.3500 as you go) a month, "
                      "with 20 left in the trial pack"),
             Cell::number("0.0700")});
  t.add_row({Cell::of("可灵/2.1/高品质@5s"), Cell::of("plan 黄金会员 with top-ups"), Cell::number("0.3515")});
  return t;
}

TEST(FitToTerminal, TheWidestTextGivesWayAndNumbersStayWhole) {
  std::ostringstream out;
  render(wide_table(), RenderOptions{Format::Table, false, 60}, out);
  std::istringstream lines(out.str());
  for (std::string line; std::getline(lines, line);) EXPECT_LE(display_width(line), 60u) << line;
  EXPECT_NE(out.str().find("0.0700"), std::string::npos);
  EXPECT_NE(out.str().find("0.3515"), std::string::npos);
  EXPECT_NE(out.str().find("…"), std::string::npos);  // the detail was shortened
}

TEST(FitToTerminal, OffATerminalNothingIsCut) {
  std::ostringstream out;
  render(wide_table(), RenderOptions{Format::Table, false, 0}, out);
  EXPECT_NE(out.str().find("with 20 left in the trial pack"), std::string::npos);
  EXPECT_EQ(out.str().find("…"), std::string::npos);
}

}  // namespace
}  // namespace vidcost

namespace vidcost {
namespace {

TEST(SafeText, AChartWithControlCharactersIsStillWellFormedXml) {
  Chart c;
  c.title = "Kling\x1b[2J <costs> & \"more\"";
  c.x_label = "seconds\x07";
  c.y_label = "USD";
  c.series.push_back({"plan \x1b]0;x\x07pro", {{{0, 0}, {1, 1}}}});
  c.notes.push_back("note\x01");
  const std::string svg = render_svg(c);
  for (const char ch : svg) {
    const auto u = static_cast<unsigned char>(ch);
    EXPECT_TRUE(u >= 0x20 || ch == '\n' || ch == '\t') << "control character " << int(u) << " in the SVG";
  }
  // Control characters are shown as escapes, as in every other output; markup is escaped.
  EXPECT_NE(svg.find("Kling\\x1b[2J &lt;costs&gt; &amp; &quot;more&quot;"), std::string::npos);
}

}  // namespace
}  // namespace vidcost
