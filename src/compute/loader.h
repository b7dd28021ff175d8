// Reading the compute catalog (compute*.toml in the catalog directory), with every problem.
#pragma once

#include <filesystem>

#include "core/diagnostic.h"
#include "compute/specs.h"

namespace vidcost {

struct ComputeLoad {
  ComputeCatalog catalog;
  Diagnostics problems;
  bool ok() const { return problems.empty(); }
};

// Reads every compute*.toml directly in `dir` (or the single file `dir` names).
ComputeLoad load_compute(const std::filesystem::path& dir);

}  // namespace vidcost
