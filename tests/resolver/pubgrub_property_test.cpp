// Randomized invariants of the generic solver against brute force on small universes: every solution
// satisfies every dependency edge and picks only existing versions; every failure is genuine (no assignment
// of versions satisfies the root); explanations name only packages that exist.
#include <gtest/gtest.h>

#include <functional>
#include <random>

#include "pubgrub_test_provider.hpp"

using namespace pinreqs::resolver::pubgrub;
using namespace pinreqs::resolver::pubgrub::testing;

namespace {

struct Universe {
  int packages = 0;  // package 0 is the root (one version "1")
  std::vector<std::vector<int>> versions;  // versions[p] = list of major numbers
  // deps[p][version] = list of (q, lo, hi): q in [lo, hi)
  std::vector<std::map<int, std::vector<std::tuple<int, int, int>>>> deps;
};

Universe random_universe(std::mt19937& rng) {
  Universe u;
  u.packages = 2 + static_cast<int>(rng() % 5);
  u.versions.resize(u.packages);
  u.deps.resize(u.packages);
  u.versions[0] = {1};
  for (int p = 1; p < u.packages; ++p) {
    const int n = 1 + static_cast<int>(rng() % 4);
    for (int v = 1; v <= n; ++v)
      if (rng() % 5 != 0 || u.versions[p].empty()) u.versions[p].push_back(v);
  }
  for (int p = 0; p < u.packages; ++p)
    for (int v : u.versions[p]) {
      auto& d = u.deps[p][v];
      for (int q = 1; q < u.packages; ++q) {
        if (q == p || rng() % 3 != 0) continue;
        const int lo = 1 + static_cast<int>(rng() % 4);
        const int hi = lo + 1 + static_cast<int>(rng() % 3);
        d.emplace_back(q, lo, hi);
      }
    }
  return u;
}

std::string vs(int v) { return std::to_string(v) + ".0.0"; }

// Brute force: is there an assignment (each package absent or one of its versions) with the root selected
// and every selected version's dependencies satisfied?
bool brute_force(const Universe& u) {
  std::vector<int> pick(u.packages, 0);
  std::function<bool(int)> rec = [&](int p) -> bool {
    if (p == u.packages) {
      for (int a = 0; a < u.packages; ++a) {
        if (pick[a] == 0) continue;
        for (const auto& [q, lo, hi] : u.deps[a].at(pick[a]))
          if (pick[q] < lo || pick[q] >= hi) return false;
      }
      return true;
    }
    if (p == 0) {
      pick[0] = 1;
      return rec(1);
    }
    pick[p] = 0;
    if (rec(p + 1)) return true;
    for (int v : u.versions[p]) {
      pick[p] = v;
      if (rec(p + 1)) return true;
    }
    pick[p] = 0;
    return false;
  };
  return rec(0);
}

}  // namespace

TEST(PubGrubProperties, AgreesWithBruteForce) {
  std::mt19937 rng(20261126);
  int solved = 0, failed = 0;
  for (int round = 0; round < 400; ++round) {
    const Universe u = random_universe(rng);
    TestProvider p;
    p.id("root");
    for (int a = 1; a < u.packages; ++a) p.id("p" + std::to_string(a));
    auto name = [&](int a) { return a == 0 ? std::string("root") : "p" + std::to_string(a); };
    for (int a = 0; a < u.packages; ++a)
      for (int v : u.versions[a]) {
        std::vector<Dependency> d;
        for (const auto& [q, lo, hi] : u.deps[a].at(v))
          d.push_back({p.id(name(q)), Range::between(V(vs(lo).c_str()), V(vs(hi).c_str()))});
        p.add_raw(name(a), V(vs(v).c_str()), std::move(d));
      }
    const bool possible = brute_force(u);
    auto result = solve(p, p.id("root"), V("1.0.0"));
    if (const auto* s = std::get_if<Solution>(&result)) {
      ++solved;
      if (!possible) ADD_FAILURE() << "round " << round << ": solver found a solution brute force says is impossible";
      for (const auto& [pkg, ver] : s->versions) {
        const auto& known = p.versions(pkg);
        if (known.count(ver) == 0) {
          ADD_FAILURE() << "round " << round << ": picked a version that does not exist";
          continue;
        }
        for (const auto& d : known.at(ver)) {
          auto it = s->versions.find(d.package);
          if (it == s->versions.end() || !d.range.contains(it->second))
            ADD_FAILURE() << "round " << round << ": edge " << p.package_name(pkg) << " -> " << p.package_name(d.package)
                          << " " << d.range.to_string() << " not satisfied";
        }
      }
    } else {
      ++failed;
      if (possible) ADD_FAILURE() << "round " << round << ": solver failed but a solution exists";
      const std::string text = report(std::get<Conflict>(result), p);
      EXPECT_FALSE(text.empty());
      // Every backticked name is a package of the universe.
      for (std::size_t i = text.find('`'); i != std::string::npos; i = text.find('`', i + 1)) {
        const auto end = text.find('`', i + 1);
        ASSERT_NE(end, std::string::npos) << text;
        const std::string token = text.substr(i + 1, end - i - 1);
        const std::string pkg = token.substr(0, token.find(' '));
        bool known = false;
        for (int a = 0; a < u.packages; ++a) known |= pkg == name(a);
        if (!known) ADD_FAILURE() << "round " << round << ": explanation names unknown `" << pkg << "`\n" << text;
        i = end;
      }
    }
  }
  // The generator must exercise both outcomes, or this test proves little.
  EXPECT_GT(solved, 50);
  EXPECT_GT(failed, 50);
}
