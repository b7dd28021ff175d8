// The price of one generation over time: every date the catalog records a change (an entry
// taking effect or ending), and what each offer's per-second price did on that date.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pricing/quote.h"

namespace vidcost {

enum class HistoryEvent {
  InForce,     // priced so before any dated change the catalog records
  Introduced,  // the offer (or the generation) appears
  Replaces,    // the generation appears and succeeds another one (Mode::succeeds)
  Changed,     // the per-second price changed
  Withdrawn    // the offer (or the generation) ends
};
std::string_view history_event_name(HistoryEvent e);

struct HistoryRow {
  std::string spec;
  std::optional<Date> date;  // nullopt for InForce
  HistoryEvent event = HistoryEvent::Changed;
  std::string replaces;           // the predecessor's spec, for Replaces
  std::optional<Quote> before;    // the offer's quote the day before (or the predecessor's)
  std::optional<Quote> after;     // the quote from `date` on (nullopt for Withdrawn)
};

// Every change of every offer for `provider/model/mode@seconds` up to and including `until`.
// `options.as_of` is ignored: each date is quoted as of itself.
std::vector<HistoryRow> price_history(const Provider& provider, const Model& model, const std::string& mode_id,
                                      int seconds, QuoteOptions options, const Date& until);

// Whether a change dated after `on` was already known on `on`: every source its new price rests
// on is dated on or before it (an announcement ahead, not what happened later).
bool known_ahead(const HistoryRow& row, const Date& on);

// The changes dated after `after` (up to ten years on) that were known on `after`: price
// changes announced ahead, new offers.
std::vector<HistoryRow> scheduled_changes(const Provider& provider, const Model& model, const std::string& mode_id,
                                          int seconds, QuoteOptions options, const Date& after);

// One generation across all dates: a mode id may have several dated entries.
struct HistoryTarget {
  const Provider* provider = nullptr;
  const Model* model = nullptr;
  std::string mode;
  int seconds = 0;
};

// Every generation, at any date, the pattern matches (as compare matches them, but across all
// dates). Error::unknown for names the pattern gives that do not exist; Error::bad_input when
// nothing matches.
std::vector<HistoryTarget> history_targets(const Catalog& catalog, const SpecPattern& pattern);

// Every date on which an entry of the provider takes effect or ends, in order.
std::vector<Date> change_dates(const Provider& provider);

}  // namespace vidcost
