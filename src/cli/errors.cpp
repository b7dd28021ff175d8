#include "cli/errors.h"

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "core/text.h"
#include "money/amount.h"

namespace vidcost {

const char* exit_codes_text() {
  return "Exit codes: 0 ok; 1 a failed check (a claim, or catalogs or bills that differ); 2 bad usage or input; 3 a catalog, "
         "update or overlay that does not validate; 4 another 'catalog apply' holds the catalog's lock; 5 a file that "
         "cannot be read or written.";
}

int exit_code(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::BadInput:
    case ErrorKind::UnknownName: return kExitUsage;
    case ErrorKind::Io: return kExitIo;
    case ErrorKind::InvalidCatalog: return kExitInvalidCatalog;
    case ErrorKind::Busy: return kExitBusy;
  }
  return kExitUsage;
}

std::string describe(const Error& error) {
  const UnknownName* u = error.unknown_name();
  if (!u) return error.what();
  std::string text = error.context().empty() ? "" : error.context() + ": ";
  text += fmt::format("unknown {} '{}'{}{}{}", u->what, u->name, u->scope.empty() ? "" : " ", u->scope,
                                 did_you_mean(u->name, u->candidates));
  if (u->candidates.empty()) return text + "; known: (none)";
  constexpr std::size_t kListed = 24;
  const std::size_t shown = std::min(u->candidates.size(), kListed);
  text += fmt::format("; known: {}", fmt::join(u->candidates.begin(), u->candidates.begin() + static_cast<long>(shown), ", "));
  if (u->candidates.size() > shown) text += fmt::format(" and {} more", u->candidates.size() - shown);
  return text;
}

int report(const std::exception& e, std::ostream& err) {
  if (const auto* error = dynamic_cast<const Error*>(&e)) {
    const auto& problems = error->problems();
    // A catalog's problems print as `catalog validate` prints them, then a summary; a bad
    // input file's problems are the message itself.
    const bool catalog = error->kind() == ErrorKind::InvalidCatalog;
    // Messages quote what the user or a catalog wrote: shown with control characters escaped.
    for (const auto& problem : problems) err << (catalog ? "" : "vidcost: ") << visible(problem.to_string()) << '\n';
    if (catalog || problems.empty()) err << "vidcost: " << visible(describe(*error)) << '\n';
    return exit_code(error->kind());
  }
  if (dynamic_cast<const CurrencyMismatch*>(&e)) {
    err << "vidcost: " << visible(e.what()) << '\n';
    return kExitUsage;
  }
  // Anything else is a bug or a limit of a library; it is still not a crash.
  err << "vidcost: " << visible(e.what()) << '\n';
  return kExitUsage;
}

int finish_output(std::ostream& out, std::ostream& err, int code) {
  errno = 0;
  out.flush();
  if (out) return code;
  const int error = errno;
  err << "vidcost: cannot write to standard output" << (error ? std::string(": ") + std::strerror(error) : std::string())
      << '\n';
  return kExitIo;
}

}  // namespace vidcost
