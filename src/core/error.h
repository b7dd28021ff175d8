// Errors as data. Library code throws vidcost::Error with a kind and what went wrong; the
// command line (cli/errors.h) alone turns a kind into an exit code and the data into words.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/diagnostic.h"

namespace vidcost {

enum class ErrorKind {
  BadInput,        // a value, a SPEC, a NEED, an expression or a file's content that cannot be used
  UnknownName,     // an id or alias that names nothing; carries the candidates
  Io,              // a file that cannot be read or written (missing, permissions, disk full)
  InvalidCatalog,  // a catalog, compute catalog or update that does not validate; carries the problems
  Busy,            // another `catalog apply` holds the catalog's lock
};

// An id that names nothing: "unknown plan 'x' of kling".
struct UnknownName {
  std::string what;   // "plan", "provider", "model", "GPU", ...
  std::string name;   // as the user wrote it
  std::string scope;  // "of kling", "of kling/2.1 on 2026-11-28", or empty
  std::vector<std::string> candidates;  // the names that exist there
};

class Error : public std::runtime_error {
 public:
  static Error bad_input(const std::string& message);
  // Bad input found in a file, with every problem (the message is the first).
  static Error bad_file(const std::string& message, Diagnostics problems);
  static Error unknown(std::string what, std::string name, std::vector<std::string> candidates,
                       std::string scope = "");
  static Error io(const std::string& message);
  static Error invalid_catalog(const std::string& message, Diagnostics problems);
  static Error busy(const std::string& message);

  // The same error placed in a context the words start with: "FILE:LINE:COL: claim 'x'".
  Error in(const std::string& context) const;

  ErrorKind kind() const { return kind_; }
  const std::string& context() const { return context_; }
  // Set for UnknownName.
  const UnknownName* unknown_name() const { return unknown_.get(); }
  // The problems of an InvalidCatalog or bad_file error.
  const Diagnostics& problems() const { return problems_; }

 private:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}

  ErrorKind kind_;
  std::string context_;
  std::shared_ptr<const UnknownName> unknown_;
  Diagnostics problems_;
};

}  // namespace vidcost
