// The error kinds that reach the command-line boundary, each with its exit code.
#pragma once

#include <stdexcept>
#include <string>

namespace vidcost {

enum ExitCode : int {
  kExitOk = 0,
  kExitCheckFailed = 1,    // a claim or check that does not hold; catalogs that differ
  kExitUsage = 2,          // bad usage or bad input
  kExitInvalidCatalog = 3,  // a catalog that does not validate
  kExitBusy = 4             // another `catalog apply` holds the catalog's lock
};

// Bad usage or input: one clear line for the user, exit 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The catalog did not validate; the problems were already printed. Exit 3.
class CatalogInvalid : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace vidcost
