#include "catalog/snapshot.h"

#include <concepts>
#include <type_traits>

#include "core/byte_stream.h"

namespace vidcost {
namespace {

// Each type's fields are listed once, in fields() below, and that one list drives both the
// writer and the reader, so the two cannot disagree on order.
template <class T, class U>
concept is = std::same_as<std::remove_const_t<T>, U>;

template <class A, is<Location> T>
void fields(A& a, T& x) { a(x.file, x.line, x.column); }
template <class A, is<Date> T>
void fields(A& a, T& x) { a(x.year, x.month, x.day); }
template <class A, is<Amount> T>
void fields(A& a, T& x) { a(x.value, x.currency); }
template <class A, is<Effective> T>
void fields(A& a, T& x) { a(x.from, x.to); }
template <class A, is<Provenance> T>
void fields(A& a, T& x) {
  a(x.source, x.as_of, x.confidence, x.inferred, x.note, x.effective, x.effective_from_basis, x.where, x.source_where,
    x.from_where, x.confidence_where);
}
template <class A, class V>
void fields(A& a, Known<V>& x) { a(x.value, x.reason); }
template <class A, class V>
void fields(A& a, const Known<V>& x) { a(x.value, x.reason); }
template <class A, is<Plan> T>
void fields(A& a, T& x) {
  a(x.id, x.name, x.name_local, x.aliases, x.region, x.currency, x.billing, x.price, x.price_basis, x.list_price,
    x.first_month_price, x.renewal_price, x.credits_per_month, x.credits_roll_over, x.provenance);
}
template <class A, is<Pack> T>
void fields(A& a, T& x) {
  a(x.id, x.name, x.region, x.currency, x.price, x.credits, x.bonus_credits, x.validity_days, x.max_per_account,
    x.provenance);
}
template <class A, is<Mode> T>
void fields(A& a, T& x) {
  a(x.id, x.name, x.name_local, x.aliases, x.resolution, x.audio, x.in_app, x.durations, x.credits, x.width, x.height,
    x.fps, x.succeeds, x.succeeds_where, x.provenance);
}
template <class A, is<Model> T>
void fields(A& a, T& x) { a(x.id, x.name, x.aliases, x.modes, x.where); }
template <class A, is<ApiRate> T>
void fields(A& a, T& x) {
  a(x.model, x.mode, x.per_second, x.per_clip, x.units, x.per_million_tokens, x.provenance, x.model_where,
    x.mode_where, x.per_clip_where, x.units_where);
}
template <class A, is<ApiOffer> T>
void fields(A& a, T& x) { a(x.id, x.name, x.region, x.currency, x.unit_price, x.rates, x.provenance); }
template <class A, is<ApiPack> T>
void fields(A& a, T& x) {
  a(x.id, x.name, x.api, x.api_where, x.region, x.currency, x.price, x.units, x.validity_days, x.max_per_account,
    x.provenance);
}
template <class A, is<FreeCredits> T>
void fields(A& a, T& x) { a(x.daily_credits, x.provenance); }
template <class A, is<Source> T>
void fields(A& a, T& x) { a(x.key, x.title, x.url, x.as_of, x.max_confidence, x.where); }
template <class A, is<Provider> T>
void fields(A& a, T& x) {
  a(x.id, x.name, x.name_local, x.company, x.aliases, x.home_region, x.file, x.sources, x.plans, x.packs, x.models,
    x.apis, x.api_packs, x.free, x.notes);
}
template <class A, is<FxRate> T>
void fields(A& a, T& x) { a(x.base, x.quote, x.rate, x.date, x.source); }

// A new field in a catalog type must be added to its list above (and kSnapshotFormat bumped).
// These sizes catch a field added without that, on the platform CI builds on.
#if defined(__x86_64__) && defined(__GLIBCXX__) && !defined(_GLIBCXX_DEBUG)
static_assert(sizeof(Location) == 40 && sizeof(Date) == 12 && sizeof(Amount) == 32 && sizeof(Effective) == 32,
              "a catalog type changed: list the new field in snapshot.cpp, bump kSnapshotFormat, update this size");
static_assert(sizeof(Provenance) == 312 && sizeof(Plan) == 720 && sizeof(Pack) == 520 && sizeof(Mode) == 680,
              "a catalog type changed: list the new field in snapshot.cpp, bump kSnapshotFormat, update this size");
static_assert(sizeof(Model) == 152 && sizeof(ApiRate) == 712 && sizeof(ApiOffer) == 448 && sizeof(ApiPack) == 528,
              "a catalog type changed: list the new field in snapshot.cpp, bump kSnapshotFormat, update this size");
static_assert(sizeof(FreeCredits) == 336 && sizeof(Source) == 160 && sizeof(Provider) == 416 &&
                  sizeof(FxRate) == 80 && sizeof(Catalog) == 72,
              "a catalog type changed: list the new field in snapshot.cpp, bump kSnapshotFormat, update this size");
#endif

unsigned enum_count(Confidence) { return 3; }
unsigned enum_count(Region) { return 2; }
unsigned enum_count(Billing) { return 3; }
unsigned enum_count(PriceBasis) { return 4; }
unsigned enum_count(Currency) { return 2; }

class Writer {
 public:
  template <class... T>
  void operator()(const T&... values) { (put(values), ...); }

  std::string take() { return out_.take(); }

 private:
  void put(const std::string& s) { out_.text(s); }
  void put(int v) { out_.i64(v); }
  void put(bool v) { out_.boolean(v); }
  template <class E>
    requires std::is_enum_v<E>
  void put(E e) { out_.u64(static_cast<unsigned>(e)); }
  void put(const Rational& r) {
    std::int64_t n = 0, d = 1;
    if (r.small(n, d)) {
      out_.u64(0);
      out_.i64(n);
      out_.i64(d);
    } else {
      out_.u64(1);
      out_.text(r.numerator().str());
      out_.text(r.denominator().str());
    }
  }
  template <class T>
  void put(const std::optional<T>& o) {
    out_.boolean(o.has_value());
    if (o) put(*o);
  }
  template <class T>
  void put(const std::vector<T>& v) {
    out_.u64(v.size());
    for (const auto& x : v) put(x);
  }
  template <class K, class V>
  void put(const std::map<K, V>& m) {
    out_.u64(m.size());
    for (const auto& [k, v] : m) {
      put(k);
      put(v);
    }
  }
  void put(const FxTable& fx) { put(fx.rates()); }
  void put(const Catalog& c) { (*this)(c.providers, c.fx, c.files); }
  template <class T>
  void put(const T& x)
    requires requires(Writer& w) { fields(w, x); }
  {
    fields(*this, x);
  }

  ByteWriter out_;
};

// Multi-precision parts longer than this are not something vidcost wrote (catalog figures are
// bounded by 10^12 and 10^-6; products of them stay far below).
constexpr std::size_t kMaxBigDigits = 4096;

class Reader {
 public:
  explicit Reader(std::string_view bytes) : in_(bytes) {}

  template <class... T>
  void operator()(T&... values) { (get(values), ...); }

  bool at_end() const { return in_.at_end(); }

 private:
  void get(std::string& s) { s = in_.text(); }
  void get(int& v) { v = in_.int32(); }
  void get(bool& v) { v = in_.boolean(); }
  template <class E>
    requires std::is_enum_v<E>
  void get(E& e) { e = static_cast<E>(in_.below(enum_count(E{}))); }
  void get(Rational& r) {
    if (in_.below(2) == 0) {
      const std::int64_t n = in_.i64();
      const std::int64_t d = in_.i64();
      if (d <= 0) throw MalformedBytes("a rational without a positive denominator");
      r = Rational(n, d);
      return;
    }
    const BigInt n = big_integer();
    const BigInt d = big_integer();
    if (d <= 0) throw MalformedBytes("a rational without a positive denominator");
    r = Rational(n, d);
  }
  void get(Date& d) {
    fields(*this, d);
    const bool unset = d.year == 0 && d.month == 0 && d.day == 0;
    if (!unset && (d.year < 1 || d.year > 99999 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31)) {
      throw MalformedBytes("not a date");
    }
  }
  template <class T>
  void get(std::optional<T>& o) {
    if (in_.boolean()) {
      get(o.emplace());
    } else {
      o.reset();
    }
  }
  template <class T>
  void get(std::vector<T>& v) {
    const std::size_t n = in_.count();
    v.clear();
    v.reserve(n);
    for (std::size_t i = 0; i < n; ++i) get(v.emplace_back());
  }
  template <class K, class V>
  void get(std::map<K, V>& m) {
    const std::size_t n = in_.count(2);
    m.clear();
    for (std::size_t i = 0; i < n; ++i) {
      K key{};
      get(key);
      V value{};
      get(value);
      m.insert_or_assign(m.end(), std::move(key), std::move(value));
    }
  }
  void get(FxTable& fx) {
    std::vector<FxRate> rates;
    get(rates);
    fx = FxTable();
    for (auto& r : rates) fx.add(std::move(r));
  }
  void get(Catalog& c) { (*this)(c.providers, c.fx, c.files); }
  template <class T>
  void get(T& x)
    requires requires(Reader& r) { fields(r, x); }
  {
    fields(*this, x);
  }

  BigInt big_integer() {
    const std::string_view digits = in_.text();
    if (digits.empty() || digits.size() > kMaxBigDigits) throw MalformedBytes("not an integer");
    for (std::size_t i = digits[0] == '-' ? 1 : 0; i < digits.size(); ++i) {
      if (digits[i] < '0' || digits[i] > '9') throw MalformedBytes("not an integer");
    }
    if (digits == "-") throw MalformedBytes("not an integer");
    return BigInt(std::string(digits));
  }

  ByteReader in_;
};

}  // namespace

std::string encode_catalog(const Catalog& catalog) {
  Writer w;
  w(catalog);
  return w.take();
}

std::optional<Catalog> decode_catalog(std::string_view bytes) {
  try {
    Reader r(bytes);
    Catalog catalog;
    r(catalog);
    if (!r.at_end()) return std::nullopt;  // bytes after a whole catalog: not what was written
    return catalog;
  } catch (const std::exception&) {  // MalformedBytes, or a rational's own checks
    return std::nullopt;
  }
}

}  // namespace vidcost
