// How a recommendation is shown: a table (text, CSV, Markdown) of every item and line, or one
// JSON document with an object per option and typed fields.
#pragma once

#include <string>

#include "pricing/recommend.h"
#include "report/table.h"

namespace vidcost {

Table recommend_table(const RecommendResult& result, const Market& market);
std::string recommend_json(const RecommendResult& result, const Market& market,
                           const std::vector<std::string>& what_ifs = {});

}  // namespace vidcost
