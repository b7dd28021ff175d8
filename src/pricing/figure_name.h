// What a figure is ("plan gold of kling", "credits per clip of kling/2.1/pro@5s"), kept as its
// parts and written only when shown: a comparison names the oldest figure of every quote and
// shows the name of one.
#pragma once

#include <string>
#include <string_view>

#include "pricing/spec.h"

namespace vidcost {

class FigureName {
 public:
  FigureName() = default;
  explicit FigureName(std::string_view text) : text_(text) {}
  // "<kind> <id> of <provider>": an offer's own figure. The views must outlive the name.
  static FigureName offer(std::string_view kind, std::string_view id, const Provider& provider);
  // "<what> <spec>": a figure of one generation ("credits per clip of", "API price of").
  static FigureName of_generation(std::string_view what, const Generation& g);

  bool empty() const { return text_.empty() && what_.empty(); }
  void append_to(std::string& out) const;
  std::string str() const;

 private:
  std::string text_;       // a name given as text
  std::string_view what_;  // else its parts: the kind or the words before the spec,
  std::string_view id_;    // the offer's id (an offer's figure),
  Generation generation_;  // its provider (an offer's figure) or whole generation (model set)
};

}  // namespace vidcost
