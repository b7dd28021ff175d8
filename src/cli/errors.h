// The one place errors become exit codes and words. Every command, the prompt and scripts
// report through here.
#pragma once

#include <exception>
#include <ostream>
#include <string>

#include "core/error.h"

namespace vidcost {

enum ExitCode : int {
  kExitOk = 0,
  kExitCheckFailed = 1,     // a claim or check that does not hold; catalogs or bills that differ
  kExitUsage = 2,           // bad usage or bad input
  kExitInvalidCatalog = 3,  // a catalog, compute catalog or update that does not validate
  kExitBusy = 4,            // another `catalog apply` holds the catalog's lock
  kExitIo = 5,              // a file that cannot be read or written
};

// The exit codes as the help and the man page print them.
const char* exit_codes_text();

int exit_code(ErrorKind kind);

// The error in words, one line: "unknown plan 'prro' of kling (did you mean 'pro'?); known: ..."
std::string describe(const Error& error);

// Prints an error (its problems first, one FILE:LINE:COL line each) as "vidcost: ..." lines on
// `err` and returns its exit code. Other exceptions are reported as bad input.
int report(const std::exception& e, std::ostream& err);

// Flushes the data written to `out`; when that fails (a full disk, a closed pipe), says so on
// `err` and returns kExitIo instead of `code`: output that did not arrive is never a success.
int finish_output(std::ostream& out, std::ostream& err, int code);

}  // namespace vidcost
