#include "pricing/figure_name.h"

namespace vidcost {

FigureName FigureName::offer(std::string_view kind, std::string_view id, const Provider& provider) {
  FigureName name;
  name.what_ = kind;
  name.id_ = id;
  name.generation_.provider = &provider;
  return name;
}

FigureName FigureName::of_generation(std::string_view what, const Generation& g) {
  FigureName name;
  name.what_ = what;
  name.generation_ = g;
  return name;
}

void FigureName::append_to(std::string& out) const {
  if (what_.empty()) {
    out += text_;
  } else if (generation_.model) {
    out.append(what_).append(1, ' ');
    generation_.append_spec(out);
  } else {
    out.append(what_).append(1, ' ').append(id_).append(" of ").append(generation_.provider->id);
  }
}

std::string FigureName::str() const {
  std::string out;
  append_to(out);
  return out;
}

}  // namespace vidcost
