// A second, independent exact check of the optimiser at sizes brute force cannot reach: the same
// rules written as a mixed-integer programme and solved by GLPK. GLPK works in floating point,
// so totals are compared to a tolerance far below a cent; the optimiser's own total is exact.
#include <gtest/gtest.h>

#include <glpk.h>

#include <map>
#include <random>

#include "pricing/optimise.h"

namespace vidcost::optimiser {
namespace {

double to_double(const Rational& r) { return r.convert_to<double>(); }

// The optimum of the problem as a MIP (one month, packs lasting the month, unit packs and
// pay-as-you-go units sharing a balance when the account has a unit price).
double mip_optimum(const Problem& p) {
  glp_prob* lp = glp_create_prob();
  glp_set_obj_dir(lp, GLP_MIN);
  auto column = [&](double lo, double hi, double cost, int kind) {
    const int j = glp_add_cols(lp, 1);
    glp_set_col_bnds(lp, j, hi < 0 ? GLP_LO : (lo == hi ? GLP_FX : GLP_DB), lo, hi < 0 ? 0 : hi);
    glp_set_obj_coef(lp, j, cost);
    glp_set_col_kind(lp, j, kind);
    return j;
  };
  std::vector<int> rows_i{0}, rows_j{0};
  std::vector<double> rows_v{0};
  auto row = [&](const std::vector<std::pair<int, double>>& terms, int type, double lo, double hi) {
    const int i = glp_add_rows(lp, 1);
    glp_set_row_bnds(lp, i, type, lo, hi);
    for (const auto& [j, v] : terms) {
      rows_i.push_back(i);
      rows_j.push_back(j);
      rows_v.push_back(v);
    }
  };
  const std::size_t accounts = p.accounts.size();
  std::vector<int> open(accounts);
  std::vector<std::vector<std::pair<int, double>>> credits(accounts), units(accounts);  // usage terms
  std::map<std::string, std::vector<int>> by_provider;
  for (std::size_t a = 0; a < accounts; ++a) {
    open[a] = column(0, 1, 0, GLP_BV);
    by_provider[p.accounts[a].provider].push_back(open[a]);
  }
  for (const auto& [_, cols] : by_provider) {
    std::vector<std::pair<int, double>> terms;
    for (int c : cols) terms.push_back({c, 1});
    row(terms, GLP_UP, 0, 1);
  }
  for (const auto& line : p.lines) {
    std::vector<std::pair<int, double>> one;
    for (const auto& c : line.candidates) {
      const Account& a = p.accounts[static_cast<std::size_t>(c.account)];
      const int x = column(0, 1, 0, GLP_BV);
      one.push_back({x, 1});
      row({{x, 1}, {open[static_cast<std::size_t>(c.account)], -1}}, GLP_UP, 0, 0);
      const bool app = !a.plans.empty() || !a.packs.empty() || a.free_credits_per_month > 0;
      const bool pooled = c.units_per_clip && (!a.unit_packs.empty() || a.unit_price);
      const bool pay = c.api_per_clip && !(pooled && a.unit_price);
      std::vector<std::pair<int, double>> split{{x, -static_cast<double>(line.count)}};
      if (app && c.credits_per_clip) {
        const int k = column(0, line.count, 0, GLP_IV);
        split.push_back({k, 1});
        credits[static_cast<std::size_t>(c.account)].push_back({k, static_cast<double>(*c.credits_per_clip)});
      }
      if (pooled) {
        const int u = column(0, line.count, 0, GLP_IV);
        split.push_back({u, 1});
        units[static_cast<std::size_t>(c.account)].push_back({u, static_cast<double>(*c.units_per_clip)});
      }
      if (pay) split.push_back({column(0, line.count, to_double(*c.api_per_clip), GLP_IV), 1});
      row(split, GLP_FX, 0, 0);
    }
    row(one, GLP_FX, 1, 1);
  }
  for (std::size_t a = 0; a < accounts; ++a) {
    const Account& acc = p.accounts[a];
    // Credits beyond the free ones and the plan's come from packs.
    std::vector<std::pair<int, double>> cover = credits[a];
    std::vector<std::pair<int, double>> plans{{open[a], -1}};
    for (const auto& plan : acc.plans) {
      const int y = column(0, 1, to_double(plan.cost), GLP_BV);
      plans.push_back({y, 1});
      cover.push_back({y, -static_cast<double>(plan.credits_per_month)});
    }
    row(plans, GLP_UP, 0, 0);
    for (const auto& pack : acc.packs) {
      cover.push_back({column(0, -1, to_double(pack.price), GLP_IV), -static_cast<double>(pack.amount)});
    }
    row(cover, GLP_UP, 0, static_cast<double>(acc.free_credits_per_month));
    // Units from unit packs (limited ones at most their limit) or paid as used.
    std::vector<std::pair<int, double>> unit_cover = units[a];
    for (const auto& pack : acc.unit_packs) {
      const int v = pack.limit > 0 ? column(0, pack.limit, to_double(pack.price), GLP_IV)
                                   : column(0, -1, to_double(pack.price), GLP_IV);
      unit_cover.push_back({v, -static_cast<double>(pack.amount)});
    }
    if (acc.unit_price) unit_cover.push_back({column(0, -1, to_double(*acc.unit_price), GLP_IV), -1});
    row(unit_cover, GLP_UP, 0, 0);
  }
  glp_load_matrix(lp, static_cast<int>(rows_i.size()) - 1, rows_i.data(), rows_j.data(), rows_v.data());
  glp_iocp params;
  glp_init_iocp(&params);
  params.presolve = GLP_ON;
  params.msg_lev = GLP_MSG_OFF;
  params.mip_gap = 0;
  const int status = glp_intopt(lp, &params);
  const double value = status == 0 && glp_mip_status(lp) == GLP_OPT ? glp_mip_obj_val(lp) : -1;
  glp_delete_prob(lp);
  return value;
}

Problem large_problem(std::mt19937& rng) {
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  auto cents = [&](int lo, int hi) { return Rational(uniform(lo, hi), 100); };
  Problem p;
  p.months = 1;
  for (int pr = 0; pr < 3; ++pr) {
    for (int r = 0; r < 2; ++r) {
      Account a;
      a.provider = "p" + std::to_string(pr);
      a.label = a.provider + "/" + std::to_string(r);
      // Plans at 0.6-1.2 cents a credit, packs at 1.0-1.6: bigger needs favour plans then packs.
      for (int k = uniform(0, 3); k > 0; --k) {
        const int credits = 1000 * uniform(1, 20);
        a.plans.push_back({"plan", Rational(credits * uniform(60, 120), 10000), credits});
      }
      for (int k = uniform(0, 3); k > 0; --k) {
        const int credits = 100 * uniform(3, 160);
        a.packs.push_back({"pack", Rational(credits * uniform(100, 160), 10000), credits, 0, 0});
      }
      if (uniform(0, 3) == 0) a.free_credits_per_month = 10 * uniform(10, 200);
      if (uniform(0, 1) == 0) {
        a.unit_price = cents(10, 20);
        a.unit_packs.push_back({"trial", *a.unit_price * 70, 100, 0, 1});
        if (uniform(0, 1) == 0) a.unit_packs.push_back({"bulk", *a.unit_price * 9 * 1000, 10000, 0, 0});
      }
      p.accounts.push_back(a);
    }
  }
  const int lines = uniform(8, 12);
  for (int l = 0; l < lines; ++l) {
    Line line{"line", uniform(1, 20) * uniform(1, 250), {}};
    for (int c = uniform(2, 6); c > 0; --c) {
      const int account = uniform(0, static_cast<int>(p.accounts.size()) - 1);
      const auto& a = p.accounts[static_cast<std::size_t>(account)];
      // As in the catalog: an API with a unit price bills every clip in units (Kling); others
      // price each clip (and have no unit packs here).
      Candidate cand{account, "gen", 5 * uniform(2, 14), std::nullopt, std::nullopt, 5};
      if (a.unit_price) {
        cand.units_per_clip = uniform(1, 8);
        cand.api_per_clip = *a.unit_price * *cand.units_per_clip;
      } else if (uniform(0, 2) > 0) {
        cand.api_per_clip = cents(8, 90);
      }
      line.candidates.push_back(cand);
    }
    p.lines.push_back(line);
  }
  return p;
}

TEST(OptimiserAtScale, AgreesWithAMixedIntegerProgramme) {
  std::mt19937 rng(20261129);
  int compared = 0;
  for (int i = 0; i < 12; ++i) {
    const Problem p = large_problem(rng);
    const auto ours = optimise(p);
    const double mip = mip_optimum(p);
    ASSERT_EQ(ours.has_value(), mip >= 0) << "instance " << i;
    if (!ours) continue;
    ++compared;
    const double total = to_double(ours->total);
    EXPECT_NEAR(total, mip, 1e-6 * std::max(1.0, total)) << "instance " << i;
  }
  EXPECT_GT(compared, 8);
}

}  // namespace
}  // namespace vidcost::optimiser
