// The toml++ parser compiled into vidcost instead of linked as a shared library, so the binary
// starts without loading it (see docs/performance.md). Every other file includes the headers
// with TOML_HEADER_ONLY=0 and uses the definitions made here.
#define TOML_IMPLEMENTATION 1
#include <toml++/toml.h>
