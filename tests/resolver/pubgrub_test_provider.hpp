#pragma once
// An in-memory DependencyProvider for the generic PubGrub tests: packages by name, newest-first choice,
// fewest-candidates-first priority (like dart pub), all versions known (so dependency ranges widen).
#include <map>
#include <string>
#include <vector>

#include "pinreqs/resolver/pubgrub/report.hpp"
#include "pinreqs/resolver/pubgrub/solver.hpp"

namespace pinreqs::resolver::pubgrub::testing {

inline Version V(const char* s) { return *Version::parse(s); }

// "^1.0.0" (caret, dart style), ">=1.0.0", "<2.0.0", "any", "1.0.0".
inline Range R(const std::string& s) {
  if (s == "any") return Range::full();
  if (s[0] == '^') {
    const Version lo = V(s.c_str() + 1);
    return Range::between(lo, Version::from_release({lo.release_at(0) + 1, 0, 0}));
  }
  if (s.rfind(">=", 0) == 0) return Range::higher_than(V(s.c_str() + 2));
  if (s[0] == '<') return Range::strictly_lower_than(V(s.c_str() + 1));
  return Range::singleton(V(s.c_str()));
}

class TestProvider : public DependencyProvider, public ReportFormatter {
 public:
  PackageId id(const std::string& name) {
    auto it = ids_.find(name);
    if (it != ids_.end()) return it->second;
    names_.push_back(name);
    return ids_[name] = static_cast<PackageId>(names_.size() - 1);
  }
  void add(const std::string& name, const char* version, std::vector<std::pair<std::string, std::string>> deps) {
    std::vector<Dependency> d;
    for (auto& [n, r] : deps) d.push_back({id(n), R(r)});
    packages_[id(name)][V(version)] = std::move(d);
  }

  void add_raw(const std::string& name, const Version& version, std::vector<Dependency> deps) {
    packages_[id(name)][version] = std::move(deps);
  }

  std::optional<Version> choose_version(PackageId p, const Range& range) override {
    const auto& vs = packages_[p];
    for (auto it = vs.rbegin(); it != vs.rend(); ++it)
      if (range.contains(it->first)) return it->first;
    return std::nullopt;
  }
  Dependencies get_dependencies(PackageId p, const Version& v) override { return packages_[p].at(v); }
  std::int64_t priority(PackageId p, const Range& range) override {
    std::int64_t n = 0;
    for (const auto& [v, d] : packages_[p]) n += range.contains(v) ? 1 : 0;
    return -n;
  }
  std::vector<Version> known_versions(PackageId p) override {
    std::vector<Version> out;
    for (const auto& [v, d] : packages_[p]) out.push_back(v);
    return out;
  }

  std::string package_name(PackageId p) const override { return names_.at(p); }
  bool is_root(PackageId p) const override { return names_.at(p) == "root"; }

  std::map<std::string, std::string> names_of(const Solution& s) const {
    std::map<std::string, std::string> out;
    for (const auto& [p, v] : s.versions) out[names_.at(p)] = v.to_string();
    return out;
  }
  const std::map<Version, std::vector<Dependency>>& versions(PackageId p) { return packages_[p]; }

 private:
  std::map<std::string, PackageId> ids_;
  std::vector<std::string> names_;
  std::map<PackageId, std::map<Version, std::vector<Dependency>>> packages_;
};

}  // namespace pinreqs::resolver::pubgrub::testing
