#include "pinreqs/analysis/weight.hpp"

#include <cmath>
#include <cstdio>
#include <algorithm>
#include <deque>

#include "pinreqs/parsers/requirement.hpp"
#include "pinreqs/parsers/target_environment.hpp"

namespace pinreqs::analysis {

namespace {

bool edge_applies(const resolver::python::Edge& e, const resolver::python::Resolution& r,
                  const pep508::Environment& env) {
  auto req = pep508::Requirement::parse(e.requirement);
  if (!req || !req->marker) return true;  // unparsable text: keep what the resolver decided
  auto holds = [&](std::string_view extra) {
    auto v = req->marker->evaluate_with_extra(env, extra);
    return !v || *v;  // an undefined comparison: keep the edge
  };
  if (holds("")) return true;
  if (!e.from.empty()) {
    if (auto it = r.packages.find(e.from); it != r.packages.end())
      for (const auto& x : it->second.extras)
        if (holds(x)) return true;
  }
  return false;
}

}  // namespace

DependencyGraph DependencyGraph::from_resolution(const resolver::python::Resolution& r, const wheel::Target* target) {
  DependencyGraph g;
  std::optional<pep508::Environment> env;
  if (target) env = wheel::marker_environment(*target);
  for (const auto& e : r.edges) {
    if (env && !edge_applies(e, r, *env)) continue;
    if (e.from.empty()) g.roots.insert(e.to);
    else if (e.from != e.to) g.children[e.from].insert(e.to);
  }
  return g;
}

std::set<PackageName> DependencyGraph::closure(const std::set<PackageName>& from) const {
  std::set<PackageName> seen(from.begin(), from.end());
  std::deque<PackageName> todo(from.begin(), from.end());
  while (!todo.empty()) {
    const PackageName n = todo.front();
    todo.pop_front();
    auto it = children.find(n);
    if (it == children.end()) continue;
    for (const auto& c : it->second)
      if (seen.insert(c).second) todo.push_back(c);
  }
  return seen;
}

std::map<PackageName, std::vector<PackageName>> DependencyGraph::pulled_in_by() const {
  std::map<PackageName, std::vector<std::pair<int, PackageName>>> found;
  for (const auto& root : roots) {
    // Breadth-first: the first visit is the shortest distance.
    std::map<PackageName, int> dist{{root, 0}};
    std::deque<PackageName> todo{root};
    while (!todo.empty()) {
      const PackageName n = todo.front();
      todo.pop_front();
      found[n].push_back({dist[n], root});
      auto it = children.find(n);
      if (it == children.end()) continue;
      for (const auto& c : it->second)
        if (dist.emplace(c, dist[n] + 1).second) todo.push_back(c);
    }
  }
  std::map<PackageName, std::vector<PackageName>> out;
  for (auto& [p, list] : found) {
    std::sort(list.begin(), list.end());
    for (auto& [d, r] : list) out[p].push_back(r);
  }
  return out;
}

std::set<PackageName> DependencyGraph::exclusive_to(const PackageName& root) const {
  std::set<PackageName> others;
  for (const auto& r : roots)
    if (r != root) others.insert(r);
  const auto kept = closure(others);
  std::set<PackageName> out;
  for (const auto& p : closure({root}))
    if (!kept.count(p)) out.insert(p);
  return out;
}

std::string format_size(std::uint64_t bytes) {
  char buf[32];
  const double b = static_cast<double>(bytes);
  if (bytes < 1000) {
    std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(bytes));
  } else if (bytes < 1000ULL * 1000) {
    std::snprintf(buf, sizeof buf, "%.0f kB", b / 1e3);
  } else if (bytes < 10ULL * 1000 * 1000) {
    std::snprintf(buf, sizeof buf, "%.1f MB", b / 1e6);
  } else if (bytes < 1000ULL * 1000 * 1000) {
    std::snprintf(buf, sizeof buf, "%.0f MB", b / 1e6);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f GB", b / 1e9);
  }
  return buf;
}

std::optional<std::uint64_t> parse_size(std::string_view text) {
  auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  };
  text = trim(text);
  std::size_t i = 0;
  bool dot = false, digit = false;
  while (i < text.size() && ((text[i] >= '0' && text[i] <= '9') || (text[i] == '.' && !dot))) {
    if (text[i] == '.') dot = true;
    else digit = true;
    ++i;
  }
  if (!digit) return std::nullopt;
  const double number = std::stod(std::string(text.substr(0, i)));
  std::string unit;
  for (char c : trim(text.substr(i))) unit += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  double factor = 0;
  if (unit.empty() || unit == "b") factor = 1;
  else if (unit == "k" || unit == "kb") factor = 1e3;
  else if (unit == "m" || unit == "mb") factor = 1e6;
  else if (unit == "g" || unit == "gb") factor = 1e9;
  else if (unit == "kib") factor = 1024.0;
  else if (unit == "mib") factor = 1024.0 * 1024;
  else if (unit == "gib") factor = 1024.0 * 1024 * 1024;
  else return std::nullopt;
  const double bytes = number * factor;
  if (!(bytes >= 0) || bytes > 1e18) return std::nullopt;
  return static_cast<std::uint64_t>(std::llround(bytes));
}

}  // namespace pinreqs::analysis
