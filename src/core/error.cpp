#include "core/error.h"

#include <fmt/format.h>

namespace vidcost {

Error Error::bad_input(const std::string& message) { return Error(ErrorKind::BadInput, message); }

Error Error::bad_file(const std::string& message, Diagnostics problems) {
  Error e(ErrorKind::BadInput, message);
  e.problems_ = std::move(problems);
  return e;
}

Error Error::unknown(std::string what, std::string name, std::vector<std::string> candidates, std::string scope) {
  Error e(ErrorKind::UnknownName,
          fmt::format("unknown {} '{}'{}{}", what, name, scope.empty() ? "" : " ", scope));
  e.unknown_ = std::make_shared<UnknownName>(
      UnknownName{std::move(what), std::move(name), std::move(scope), std::move(candidates)});
  return e;
}

Error Error::in(const std::string& context) const {
  Error e(kind_, context + ": " + what());
  e.context_ = context_.empty() ? context : context + ": " + context_;
  e.unknown_ = unknown_;
  e.problems_ = problems_;
  return e;
}

Error Error::io(const std::string& message) { return Error(ErrorKind::Io, message); }

Error Error::invalid_catalog(const std::string& message, Diagnostics problems) {
  Error e(ErrorKind::InvalidCatalog, message);
  e.problems_ = std::move(problems);
  return e;
}

Error Error::busy(const std::string& message) { return Error(ErrorKind::Busy, message); }

}  // namespace vidcost
