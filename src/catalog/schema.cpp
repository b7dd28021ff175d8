#include "catalog/schema.h"

#include <stdexcept>

#include <fmt/format.h>

namespace vidcost {

const std::vector<FieldSchema>& provenance_fields(bool required) {
  static const std::vector<FieldSchema> kRequired = {
      {"source", "string", true, "", "Where the figure comes from: a key of `[sources]`, a URL, a repository path, or `seeds/...`.", "\"K1\""},
      {"as_of", "date", true, "", "When the source was published or captured (`YYYY-MM-DD`).", "\"2026-08-12\""},
      {"confidence", "high|medium|low", true, "", "How far to trust the figure (see the facts sheet's scale).", "\"high\""},
      {"inferred", "bool", false, "", "True when the figure is derived by a stated rule rather than read in a source; say the rule in `note`.", "true"},
      {"note", "string", false, "", "Free text: caveats, the inference rule, contradictions between sources.", "\"credits inferred from the international tier\""},
      {"effective_from", "date", false, "", "First day the entry is in force (inclusive): the product's launch, or the first source's date when the launch is unknown. Every entry of the shipped catalog has one.", "\"2025-09-23\""},
      {"effective_from_basis", "launch|first-source|change", false, "", "What `effective_from` is: the launch, the first source seen to show the entry, or the day of a dated change.", "\"launch\""},
      {"effective_to", "date", false, "", "Day the entry stops being in force (exclusive). Absent: still in force.", "\"2025-09-23\""},
  };
  static const std::vector<FieldSchema> kInherited = [] {
    std::vector<FieldSchema> fields = kRequired;
    for (auto& f : fields) f.required = false;
    return fields;
  }();
  return required ? kRequired : kInherited;
}

namespace {

std::vector<TableSchema> build_schema() {
  return {
      {"[provider]", "provider files", "Who sells the product.", ProvenanceRule::None,
       {{"id", "id", true, "", "Lowercase id used in SPECs and `--provider`.", "\"kling\""},
        {"name", "string", true, "", "Display name.", "\"Kling\""},
        {"name_local", "string", false, "", "Name in the provider's own language.", "\"可灵\""},
        {"company", "string", false, "", "Company behind it.", "\"Kuaishou\""},
        {"aliases", "array of strings", false, "", "Other names accepted wherever the id is.", "[\"可灵\", \"keling\"]"},
        {"notes", "string", false, "", "What the catalog knows it does not know.", "\"CN top-up packs not found\""},
        {"region", "cn|intl", false, "", "Home market; lists the models of a provider without priced offers under it.", "\"cn\""}}},
      {"[sources.KEY]", "provider files", "A source that figures cite by KEY in their `source`.", ProvenanceRule::None,
       {{"title", "string", true, "", "What the source is.", "\"Kling membership page (llms.txt mirror)\""},
        {"url", "string", false, "", "Where it can be read.", "\"https://github.com/api-evangelist/kuaishou\""},
        {"as_of", "date", false, "", "When it was captured.", "\"2026-08-12\""},
        {"max_confidence", "high|medium|low", false, "", "The highest confidence a figure resting on this source may claim (a news article or a single secondary page: medium or low).", "\"medium\""}}},
      {"[[plan]]", "provider files", "A subscription tier. An annual variant is its own plan (`<plan>-annual`, `billing = \"year\"`).", ProvenanceRule::Required,
       {{"id", "id", true, "", "Plan id, unique per provider at any date.", "\"pro\""},
        {"name", "string", true, "", "Display name.", "\"Pro\""},
        {"name_local", "string", false, "", "Name in the provider's language.", "\"铂金会员\""},
        {"aliases", "array of strings", false, "", "Other accepted names.", "[\"铂金会员\"]"},
        {"region", "cn|intl", true, "", "Market the plan is sold in.", "\"intl\""},
        {"currency", "currency", true, "", "Currency of every amount in the entry (CNY or USD).", "\"USD\""},
        {"billing", "month|quarter|year", true, "", "Billing period of `price`.", "\"month\""},
        {"price", "amount or \"unknown\"", true, "currency per billing period", "The price, of the kind `price_basis` says.", "\"37.00\""},
        {"price_basis", "list|auto-renew|first-period|first-year", false, "", "What `price` is: the list price (default), the auto-renewal price, a first period's promotion, or the first year of an annual plan (give its `renewal_price`).", "\"first-year\""},
        {"list_price", "amount", false, "currency per billing period", "Undiscounted list price, when `price` is a discounted one.", "\"444.00\""},
        {"first_month_price", "amount", false, "currency", "Introductory price of the first month.", "\"25.99\""},
        {"renewal_price", "amount", false, "currency per billing period", "What a continuing customer pays per period (auto-renewal, or the years after a first-year price).", "\"32.56\""},
        {"credits_per_month", "positive integer or \"unknown\"", true, "credits per month", "Credits granted each month (an annual plan grants this 12 times).", "3000"},
        {"credits_roll_over", "bool", false, "", "Whether unused monthly credits carry over. Default false.", "false"},
        {"unknown_reason", "string", false, "", "Required when a figure is \"unknown\": why it is missing.", "\"no source gives the credit count\""}}},
      {"[[pack]]", "provider files", "A one-off top-up of in-app credits.", ProvenanceRule::Required,
       {{"id", "id", true, "", "Pack id.", "\"topup-50\""},
        {"name", "string", false, "", "Display name.", "\"$50 top-up\""},
        {"region", "cn|intl", true, "", "Market.", "\"intl\""},
        {"currency", "currency", true, "", "Currency of `price`.", "\"USD\""},
        {"price", "amount", true, "currency", "Price of the pack.", "\"50\""},
        {"credits", "positive integer or \"unknown\"", true, "credits", "Base credits.", "3300"},
        {"bonus_credits", "integer", false, "credits", "Extra credits on top of `credits`. Default 0.", "200"},
        {"validity_days", "positive integer", false, "days", "How long the credits stay usable.", "730"},
        {"max_per_account", "positive integer", false, "purchases", "How many times one account may buy it (absent: any number).", "1"},
        {"unknown_reason", "string", false, "", "Required when `credits` is \"unknown\".", "\"credit counts not public\""}}},
      {"[[model]]", "provider files", "A generation model; its modes are `[[model.mode]]`.", ProvenanceRule::None,
       {{"id", "id", true, "", "Model id used in SPECs.", "\"2.5-turbo\""},
        {"name", "string", true, "", "Display name.", "\"Kling 2.5 Turbo\""},
        {"aliases", "array of strings", false, "", "Other accepted names.", "[\"2.5\"]"},
        {"mode", "array of tables", true, "", "The modes, see `[[model.mode]]`.", ""}}},
      {"[[model.mode]]", "provider files", "One way of generating with a model: resolution, durations, audio, credits per clip.", ProvenanceRule::Required,
       {{"id", "id", true, "", "Mode id used in SPECs.", "\"pro\""},
        {"name", "string", false, "", "Display name.", "\"Professional\""},
        {"name_local", "string", false, "", "Name in the provider's language.", "\"高品质\""},
        {"aliases", "array of strings", false, "", "Other accepted names.", "[\"high-quality\"]"},
        {"resolution", "string", true, "", "Output resolution class (`512p`, `720p`, `768p`, `1080p`, ...).", "\"1080p\""},
        {"audio", "bool", false, "", "Whether the clip has generated audio. Default false.", "false"},
        {"in_app", "bool", false, "", "False when the mode is sold only through the API (no plan or pack prices it). Default true.", "true"},
        {"durations", "array of positive integers", true, "seconds", "Clip lengths the mode offers.", "[5, 10]"},
        {"credits", "table duration = positive integer, or \"unknown\"", true, "credits per clip", "In-app credits per clip for each offered duration.", "{ 5 = 35, 10 = 70 }"},
        {"unknown_reason", "string", false, "", "Required when `credits` is \"unknown\".", "\"credit costs sit behind a login\""},
        {"width", "positive integer", false, "pixels", "Coded frame width, for token-billed APIs.", "1920"},
        {"height", "positive integer", false, "pixels", "Coded frame height (1080p is coded 1088 high), for token-billed APIs.", "1088"},
        {"fps", "positive integer", false, "frames per second", "Frame rate, for token-billed APIs: tokens = width x height x (fps x seconds + 1) / 1024.", "24"},
        {"succeeds", "model/mode", false, "", "The mode of the same provider this one replaced; `history` compares the two.", "\"2.1/pro\""}}},
      {"[[api]]", "provider files", "A pay-as-you-go API price list; its prices are `[[api.rate]]`.", ProvenanceRule::Required,
       {{"id", "id", true, "", "Offer id.", "\"intl\""},
        {"name", "string", false, "", "Display name.", "\"Kling API (global)\""},
        {"region", "cn|intl", true, "", "Market.", "\"intl\""},
        {"currency", "currency", true, "", "Currency of every price in the offer.", "\"USD\""},
        {"unit_price", "amount", false, "currency per unit", "Price of one billing unit, for rates given in `units`.", "\"0.14\""},
        {"rate", "array of tables", true, "", "The prices, see `[[api.rate]]`.", ""}}},
      {"[[api.rate]]", "provider files", "The API price of one model and mode. Give `per_second`, `per_clip`, `per_million_tokens`, or `units` with the offer's `unit_price`. Provenance defaults to the offer's.", ProvenanceRule::Inherited,
       {{"model", "id", true, "", "A model of this provider.", "\"2.1\""},
        {"mode", "id", true, "", "A mode of that model.", "\"pro\""},
        {"per_second", "amount", false, "currency per video second", "Price per second of video.", "\"0.07\""},
        {"per_clip", "table duration = amount", false, "currency per clip", "Price per clip by duration.", "{ 6 = \"0.28\", 10 = \"0.56\" }"},
        {"units", "table duration = decimal", false, "units per clip", "Billing units per clip by duration (priced by `unit_price` or by an `[[api_pack]]`).", "{ 5 = 3.5, 10 = 7 }"},
        {"per_million_tokens", "amount", false, "currency per million output tokens", "Token price; the mode must give `width`, `height` and `fps`.", "\"2.5\""}}},
      {"[[api_pack]]", "provider files", "A prepaid bundle of API units for one `[[api]]` offer.", ProvenanceRule::Required,
       {{"id", "id", true, "", "Pack id.", "\"trial-100\""},
        {"name", "string", false, "", "Display name.", "\"Trial pack\""},
        {"api", "id", true, "", "The `[[api]]` offer whose units it buys.", "\"intl\""},
        {"region", "cn|intl", true, "", "Market.", "\"intl\""},
        {"currency", "currency", true, "", "Currency of `price`.", "\"USD\""},
        {"price", "amount", true, "currency", "Price of the pack.", "\"9.79\""},
        {"units", "decimal", true, "units", "Units in the pack.", "100"},
        {"validity_days", "positive integer", false, "days", "How long the units stay usable.", "30"},
        {"max_per_account", "positive integer", false, "purchases", "How many times one account may buy it, such as a trial pack (absent: any number).", "1"}}},
      {"[[retire]]", "update files (`updates/*.toml`)", "Ends an entry that is in force: sets its `effective_to`. The entry is named by `kind` and `id` (and `model`, `api` where needed).", ProvenanceRule::Required,
       {{"kind", "plan|pack|mode|api|rate|api_pack", true, "", "What kind of entry ends.", "\"mode\""},
        {"id", "id", true, "", "The entry's id; for a `rate`, its mode.", "\"master\""},
        {"model", "id", false, "", "For `mode` and `rate`: the model.", "\"2.1\""},
        {"api", "id", false, "", "For `rate`: the `[[api]]` offer.", "\"intl\""},
        {"effective_to", "date", true, "", "First day the entry is no longer in force.", "\"2026-12-01\""}}},
      {"[revert]", "update files (`updates/*.toml`)", "Undoes an earlier update: every command reads the catalog as if the update it names had not been applied. `vidcost catalog revert` writes it; a revert is itself undone by reverting it.", ProvenanceRule::None,
       {{"update", "string", true, "", "File name, in `updates/`, of the earlier update to undo.", "\"0003-kling-2.6-pro-cut.toml\""},
        {"reason", "string", false, "", "Why it is undone.", "\"the cut was announced, then withdrawn\""}}},
      {"[free]", "provider files", "Free credits every account gets.", ProvenanceRule::Required,
       {{"daily_credits", "positive integer", true, "credits per day", "Credits granted each day.", "66"}}},
      {"[[gpu]]", "compute.toml", "A GPU: dense tensor peaks and memory.", ProvenanceRule::Required,
       {{"id", "id", true, "", "GPU id used by `--gpu`.", "\"h100\""},
        {"name", "string", true, "", "Display name.", "\"NVIDIA H100 SXM\""},
        {"bf16_tflops", "number", true, "TFLOP/s", "Dense BF16 tensor peak (not the 2:4 sparsity figure).", "989"},
        {"fp8_tflops", "number", false, "TFLOP/s", "Dense FP8 tensor peak; absent when the GPU has no FP8.", "1979"},
        {"memory_gb", "number", true, "GB", "Memory.", "80"},
        {"bandwidth_tbps", "number", true, "TB/s", "Memory bandwidth.", "3.35"},
        {"hopper", "bool", true, "", "Whether FlashAttention-3 runs on it.", "true"},
        {"efficiency_from", "id", false, "", "GPU whose fitted efficiency this one uses (for GPUs without measurements).", "\"h100\""},
        {"default", "bool", false, "", "The GPU an architecture is costed on when `--gpu` is not given (at most one).", "true"}}},
      {"[[gpu_price]]", "compute.toml", "An hourly rental price of a GPU in one market; a GPU's first price of a market is its default there.", ProvenanceRule::Required,
       {{"gpu", "id", true, "", "A `[[gpu]]` id.", "\"h100\""},
        {"id", "id", true, "", "Price point id, for `--gpu-price ID` and a scenario's `gpu_price_cn`/`gpu_price_intl`.", "\"specialty\""},
        {"region", "cn|intl", false, "", "The market the price is paid in. Default intl.", "\"cn\""},
        {"price", "amount", true, "currency per GPU-hour", "The price.", "\"2.25\""},
        {"currency", "currency", true, "", "Currency of `price`.", "\"USD\""}}},
      {"[[arch]]", "compute.toml", "An open video DiT architecture with what the FLOPs model needs.", ProvenanceRule::Required,
       {{"id", "id", true, "", "Architecture id.", "\"wan2.1-14b\""},
        {"name", "string", true, "", "Display name.", "\"Wan2.1 T2V-14B\""},
        {"params_b", "number", true, "billions", "Total parameters (memory; MoE counts every expert).", "14"},
        {"layers", "positive integer", true, "", "Transformer blocks.", "40"},
        {"hidden", "positive integer", true, "", "Model width d.", "5120"},
        {"heads", "positive integer", true, "", "Attention heads.", "40"},
        {"head_dim", "positive integer", true, "", "Width of one head.", "128"},
        {"ffn", "positive integer", true, "", "Feed-forward width.", "13824"},
        {"patch", "array of 3 positive integers", true, "latent cells", "Patch size [t, h, w].", "[1, 2, 2]"},
        {"vae_temporal", "positive integer", true, "frames", "VAE temporal compression (causal: frame 1 kept).", "4"},
        {"vae_spatial", "positive integer", true, "pixels", "VAE spatial compression.", "8"},
        {"text_tokens", "positive integer", true, "tokens", "Text tokens the DiT attends to.", "512"},
        {"text_attention", "cross|joint", true, "", "How text enters: cross-attention, or joint self-attention.", "\"cross\""},
        {"steps", "positive integer", true, "", "Default denoising steps.", "50"},
        {"passes", "positive integer", true, "", "DiT forward passes per step (2 with classifier-free guidance).", "2"},
        {"width", "positive integer", true, "pixels", "Default output width.", "1280"},
        {"height", "positive integer", true, "pixels", "Default output height.", "720"},
        {"frames", "positive integer", true, "frames", "Default frame count.", "81"},
        {"fps", "number", true, "frames per second", "Default frame rate.", "16"}}},
      {"[[measurement]]", "compute.toml", "A published, measured end-to-end inference time.", ProvenanceRule::Required,
       {{"id", "id", true, "", "Measurement id (W1, V34, ...).", "\"W21\""},
        {"set", "calibration|holdout|serving", true, "", "Calibration rows fit the model; holdout rows check it on other models; serving rows on few-step, distilled, FP8 and warm runs.", "\"calibration\""},
        {"arch", "id", true, "", "An `[[arch]]` id.", "\"wan2.1-14b\""},
        {"width", "positive integer", true, "pixels", "Output width.", "1280"},
        {"height", "positive integer", true, "pixels", "Output height.", "720"},
        {"frames", "positive integer", true, "frames", "Frames generated.", "81"},
        {"steps", "positive integer", true, "", "Denoising steps.", "50"},
        {"passes", "positive integer", true, "", "DiT passes per step.", "2"},
        {"gpu", "id", true, "", "A `[[gpu]]` id.", "\"h800\""},
        {"gpus", "positive integer", true, "", "GPUs used.", "1"},
        {"kernel", "fa2|fa3", true, "", "Attention kernel.", "\"fa2\""},
        {"offload", "bool", false, "", "Whether the run offloaded model weights to the CPU between stages. Default false.", "true"},
        {"linear_precision", "bf16|fp8", false, "", "Precision of the matmuls. Default bf16.", "\"fp8\""},
        {"attention_precision", "bf16|fp8", false, "", "Precision of attention (8-bit attention counts as fp8). Default bf16.", "\"fp8\""},
        {"warm", "bool", false, "", "Whether the timing excludes loading the model. Default false.", "true"},
        {"cache_skip", "number", false, "share", "Step caching: share of steps skipped. Default 0.", "0.4"},
        {"seconds", "number", true, "seconds", "Measured wall-clock time, end to end.", "1837.9"}}},
      {"[[reference]]", "compute.toml", "The open research recipe for a class of product modes (many steps with CFG, native resolution, dense BF16, one GPU, a cold process): the reference upper bound of `cost SPEC --scenario reference`, never the default.", ProvenanceRule::Required,
       {{"match", "string", true, "", "A SPEC pattern; the first matching recipe wins.", "\"kling/*/pro\""},
        {"arch", "id", true, "", "An `[[arch]]` id.", "\"wan2.2-a14b\""},
        {"width", "positive integer", true, "pixels", "Output width.", "1920"},
        {"height", "positive integer", true, "pixels", "Output height.", "1080"},
        {"fps", "number", true, "frames per second", "Frame rate.", "24"},
        {"steps", "positive integer", true, "", "Denoising steps.", "40"},
        {"passes", "positive integer", true, "", "DiT passes per step.", "2"},
        {"precision", "bf16|fp8", true, "", "Numeric precision of the DiT.", "\"bf16\""},
        {"gpu", "id", true, "", "A `[[gpu]]` id.", "\"h800\""},
        {"gpus", "positive integer", true, "", "GPUs per generation.", "1"},
        {"kernel", "fa2|fa3", true, "", "Attention kernel.", "\"fa3\""}}},
      {"[[profile]]", "compute.toml", "How a provider family serves its products: three scenarios (low, central, high cost), each a named recipe. `cost SPEC` and `margin SPEC` show them as a band.", ProvenanceRule::Required,
       {{"id", "id", true, "", "Profile id, for `--profile`.", "\"kling\""},
        {"name", "string", true, "", "Display name.", "\"Kling-class (Kuaishou)\""},
        {"match", "array of strings", true, "", "SPEC patterns of the products it covers; the first matching profile wins.", "[\"kling/*/*\"]"},
        {"scenario", "array of tables", true, "", "The scenarios, see `[[profile.scenario]]`.", ""}}},
      {"[[profile.scenario]]", "compute.toml", "One serving recipe. Every parameter it sets has a basis: a source or a stated assumption.", ProvenanceRule::None,
       {{"id", "low|central|high", true, "", "Which end of the band: low or high cost, or central.", "\"central\""},
        {"summary", "string", true, "", "The named assumptions in one line, as output shows them.", "\"720p base at 10 NFE + 3-step SR\""},
        {"arch", "id", true, "", "The open architecture standing in for the model.", "\"wan2.1-14b\""},
        {"size_b", "number", false, "billions", "Active parameters of the model it stands for: the DiT's FLOPs are scaled by size_b / the arch's size. Default: the arch's.", "8.3"},
        {"base_resolution", "string", false, "", "Resolution of the base DiT (16:9); lower than the output adds a super-resolution stage. Default: the output's.", "\"720p\""},
        {"steps", "positive integer", true, "", "Denoising steps of the base DiT.", "10"},
        {"passes", "positive integer", true, "", "DiT passes per step (2 with CFG, 1 when distilled).", "1"},
        {"sr_steps", "positive integer", false, "", "Steps of the super-resolution stage to the output size.", "3"},
        {"sr_attention_kept", "number", false, "share", "Share of attention FLOPs the SR stage keeps. Default 1.", "0.5"},
        {"linear_precision", "bf16|fp8", true, "", "Precision of the DiT's matmuls.", "\"fp8\""},
        {"attention_precision", "bf16|fp8", true, "", "Precision of attention (8-bit attention counts as fp8).", "\"fp8\""},
        {"attention_kept", "number", false, "share", "Sparse attention: share of attention FLOPs kept. Default 1.", "0.5"},
        {"cache_skip", "number", false, "share", "Step caching: share of steps skipped. Default 0.", "0"},
        {"gpu", "id", true, "", "The GPU type.", "\"h800\""},
        {"gpu_price_cn", "id", true, "", "The GPU's price point for offers of the China market.", "\"lease-cn\""},
        {"gpu_price_intl", "id", true, "", "The GPU's price point for international offers.", "\"as-h100\""},
        {"fleet_utilization", "number", true, "share", "Share of paid GPU time spent generating.", "0.65"},
        {"serving_overhead", "number", true, "share", "Cost on top of GPU time (storage, networking, staff).", "0.2"},
        {"fixed_seconds", "number", true, "seconds", "Warm serving: fixed work per clip (text encoder, scheduling).", "2"},
        {"basis", "table", true, "", "For each parameter set above: `{ source = KEY, confidence = ... }` or `{ assumption = \"...\", confidence = ... }`.", "{ steps = { source = \"KOMNI\", confidence = \"medium\" } }"}}},
      {"basis", "compute.toml", "Where one scenario parameter comes from.", ProvenanceRule::None,
       {{"source", "string", false, "", "A key of `[sources]` or a URL.", "\"KOMNI\""},
        {"assumption", "string", false, "", "What is assumed, when no source gives the figure.", "\"a fleet busy two thirds of the time\""},
        {"confidence", "high|medium|low", true, "", "How far to trust the figure.", "\"medium\""}}},
      {"[[no_profile]]", "compute.toml", "Products no serving profile describes, and why.", ProvenanceRule::Required,
       {{"match", "array of strings", true, "", "SPEC patterns.", "[\"google/*/*\"]"},
        {"reason", "string", true, "", "Why no profile applies.", "\"Veo runs on TPUs\""}}},
      {"[[anchor]]", "compute.toml", "A published figure a scenario can agree with or contradict (`margin` and `cost` say which).", ProvenanceRule::Required,
       {{"id", "id", true, "", "Anchor id.", "\"kuaishou-positive-margin\""},
        {"profile", "id", true, "", "The `[[profile]]` it tests.", "\"kling\""},
        {"match", "array of strings", false, "", "Only the products these SPEC patterns match. Default: every product of the profile.", "[\"openai/*/*\"]"},
        {"kind", "margin-at-least|margin-about|gpu-seconds-per-second-at-least|cost-per-second-about", true, "", "What is compared.", "\"margin-at-least\""},
        {"value", "number", true, "", "A margin share, GPU-seconds per generated second, or a cost per second.", "0"},
        {"tolerance", "number", false, "", "For the -about kinds: allowed distance from `value`.", "0.2"},
        {"offer", "api|app|any", false, "", "Margin kinds: the offers it speaks of. Default any.", "\"api\""},
        {"region", "cn|intl", false, "", "Margin kinds: only offers of this market.", "\"cn\""},
        {"currency", "currency", false, "", "cost-per-second-about: the currency of `value`.", "\"USD\""},
        {"statement", "string", true, "", "The published statement.", "\"Kling's inference gross margin is positive\""}}},
      {"[[speedup]]", "compute.toml", "A published end-to-end speed-up of a precision change on one workload; fits the FP8 gains of the time model.", ProvenanceRule::Required,
       {{"id", "id", true, "", "Speed-up id.", "\"lightx2v-fp8\""},
        {"arch", "id", true, "", "An `[[arch]]` id.", "\"wan2.1-14b\""},
        {"gpu", "id", true, "", "A `[[gpu]]` id.", "\"h200\""},
        {"width", "positive integer", true, "pixels", "Output width.", "1280"},
        {"height", "positive integer", true, "pixels", "Output height.", "720"},
        {"frames", "positive integer", true, "frames", "Frames.", "81"},
        {"steps", "positive integer", true, "", "Denoising steps.", "40"},
        {"passes", "positive integer", true, "", "DiT passes per step.", "2"},
        {"kernel", "fa2|fa3", true, "", "Attention kernel of the baseline.", "\"fa3\""},
        {"base_linear", "bf16|fp8", true, "", "Matmul precision of the baseline.", "\"bf16\""},
        {"base_attention", "bf16|fp8", true, "", "Attention precision of the baseline.", "\"bf16\""},
        {"fast_linear", "bf16|fp8", true, "", "Matmul precision of the faster run.", "\"fp8\""},
        {"fast_attention", "bf16|fp8", true, "", "Attention precision of the faster run.", "\"fp8\""},
        {"speedup", "number", true, "", "Baseline time / faster time, end to end.", "1.45"}}},
      {"[[rate]]", "fx.toml", "A dated exchange rate: 1 `base` = `rate` `quote`.", ProvenanceRule::Required,
       {{"base", "currency", true, "", "Currency being priced.", "\"USD\""},
        {"quote", "currency", true, "", "Currency it is priced in.", "\"CNY\""},
        {"rate", "amount", true, "quote per base", "The rate.", "\"7.0197\""},
        {"date", "date", true, "", "Day the rate applies to; conversions use the latest rate on or before `--as-of`.", "\"2026-01-08\""}}},
  };
}

}  // namespace

const FieldSchema* TableSchema::find_own(std::string_view key) const {
  for (const auto& f : fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

std::vector<FieldSchema> TableSchema::all_fields() const {
  std::vector<FieldSchema> all = fields;
  if (provenance != ProvenanceRule::None) {
    // A table may redefine a provenance key (as [[retire]] makes effective_to required).
    for (const auto& f : provenance_fields(provenance == ProvenanceRule::Required)) {
      if (!find_own(f.key)) all.push_back(f);
    }
  }
  return all;
}

std::vector<std::string> TableSchema::keys() const {
  std::vector<std::string> keys;
  for (const auto& f : all_fields()) keys.emplace_back(f.key);
  return keys;
}

const FieldSchema* TableSchema::find(std::string_view key) const {
  for (const auto& f : fields) {
    if (f.key == key) return &f;
  }
  if (provenance != ProvenanceRule::None) {
    for (const auto& f : provenance_fields(provenance == ProvenanceRule::Required)) {
      if (f.key == key) return &f;
    }
  }
  return nullptr;
}

const std::vector<TableSchema>& catalog_schema() {
  static const std::vector<TableSchema> kSchema = build_schema();
  return kSchema;
}

const TableSchema& table_schema(std::string_view name) {
  for (const auto& t : catalog_schema()) {
    if (t.name == name) return t;
  }
  throw std::logic_error("no schema for table " + std::string(name));
}

namespace {
// A '|' inside a Markdown table cell must be escaped.
std::string md_cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}
}  // namespace

std::string schema_markdown() {
  std::string out;
  for (const auto& table : catalog_schema()) {
    out += fmt::format("### `{}`\n\nIn {}. {}\n", table.name, table.file, table.meaning);
    if (table.provenance == ProvenanceRule::Inherited) {
      out += "Provenance keys are optional here: absent ones are taken from the enclosing table.\n";
    }
    out += "\n| key | type | required | unit | meaning | example |\n|---|---|---|---|---|---|\n";
    for (const auto& f : table.all_fields()) {
      std::string example(f.example);
      out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", f.key, md_cell(f.type),
                         f.required ? "yes" : "no", f.unit, md_cell(f.meaning),
                         example.empty() ? std::string() : fmt::format("`{}`", md_cell(example)));
    }
    out += "\n";
  }
  return out;
}

}  // namespace vidcost
