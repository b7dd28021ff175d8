// Facts fixed when vidcost is built: its version and where its catalog is installed. Kept in
// one small translation unit so that a version bump rebuilds one file, not the whole program.
#pragma once

namespace vidcost {

const char* version();
const char* installed_catalog_path();  // <prefix>/share/vidcost/pricing
const char* source_catalog_path();     // pricing/ of the source tree the build came from

}  // namespace vidcost
