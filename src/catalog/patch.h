// Update entries are patches: an entry of an update with the id of an entry already in the
// catalog changes only the fields it names. What it leaves out is carried over from the entry
// it changes (the provenance excepted: a new figure needs its own source and date); a field
// goes away only when the entry lists it in `remove = [...]`, and a rate of a price list only
// when `remove_rates = ["MODEL/MODE", ...]` names it.
//
// Works on the parsed TOML, before the entries are read, so that the usual checks (required
// fields, positions, schema) apply to the patched entry as a whole.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "catalog/toml_input.h"
#include "core/diagnostic.h"

namespace vidcost {

class PatchBases {
 public:
  // Fills in what the entries of `update` leave out from the entries they change, and applies
  // their `remove` lists. Reports a remove that names nothing or is used on a new entry.
  void patch(TomlFile& update, Diagnostics& problems) const;

  // Remembers the entries of a file already read (a provider file, or an update after patch()),
  // as the base later updates patch.
  void remember(const TomlFile& file);

 private:
  // "provider\x1fsection\x1fid" -> the entry as last written, floats as their exact literal text.
  std::map<std::string, toml::table> entries_;
};

}  // namespace vidcost
