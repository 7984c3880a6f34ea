#include "lock.hpp"

#include <algorithm>

namespace pinreqs::cli {

std::optional<pep508::Requirement> to_requirement(const reqtxt::RequirementEntry& e) {
  if (!e.named) return std::nullopt;
  pep508::Requirement r;
  r.name = e.name;
  r.name_text = e.name_text;
  for (const auto& x : e.extras) r.extras.push_back(canonicalize_name(x));
  std::sort(r.extras.begin(), r.extras.end());
  r.extras.erase(std::unique(r.extras.begin(), r.extras.end()), r.extras.end());
  r.extras_text = e.extras;
  r.specifier = e.specifier;
  r.url = e.url;
  if (!e.marker_text.empty()) {
    auto m = pep508::Marker::parse(e.marker_text);
    if (m) r.marker = *m;
  }
  return r;
}

std::map<PackageName, pep440::Version> exact_pins(const std::vector<const reqtxt::RequirementEntry*>& entries) {
  std::map<PackageName, pep440::Version> pins;
  for (const auto* e : entries) {
    if (!e->named || !e->url.empty()) continue;
    const auto& specs = e->specifier.specifiers();
    if (specs.size() != 1) continue;
    const auto& s = specs.front();
    if ((s.op() == pep440::Operator::Equal || s.op() == pep440::Operator::ArbitraryEqual) && !s.wildcard() &&
        s.version())
      pins.emplace(e->name, *s.version());
  }
  return pins;
}

int run_lock(const Console& console, const CommonOptions& o, const std::filesystem::path& project_dir,
             const reqtxt::IndexOptions* file_index_options, const LockRequest& request, LockRun& run) {
  auto target = choose_target(o, project_dir);
  if (!target) return report_error(console, target.error());
  run.target = std::move(*target);
  run.indexes = choose_indexes(o, file_index_options);
  auto ropts = resolver_options(o, run.target, file_index_options);
  if (!ropts) return report_error(console, ropts.error());
  ropts->constraints = request.constraints;
  ropts->preferences = request.preferences;
  ropts->upgrade_all = request.upgrade_all;
  ropts->upgrade = request.upgrade;

  auto client = open_index(o, run.indexes);
  if (!client) return report_error(console, client.error());
  run.client = std::move(*client);
  run.source = std::make_unique<IndexPackageSource>(*run.client);
  // A progress line on a terminal's stderr (nothing otherwise): projects resolved, requests, bytes.
  index::IndexClient* client_ptr = run.client.get();
  run.source->on_project = [&console, client_ptr](std::size_t projects) {
    const auto st = client_ptr->stats();
    console.progress("Resolving: " + std::to_string(projects) + " projects, " + std::to_string(st.requests) +
                     " requests, " + std::to_string(st.bytes / 1024) + " KiB");
  };

  console.info("Resolving for " + console.bold(run.target.describe()) + " " + console.dim("(" + run.target.why() + ")"));
  auto outcome = resolver::python::resolve(request.requirements, *run.source, *ropts);
  console.clear_progress();
  run.source->on_project = nullptr;
  for (const auto& w : run.client->take_warnings()) console.warn(w);
  if (!outcome) return report_error(console, outcome.error());
  run.outcome = std::move(*outcome);
  const auto st = run.client->stats();
  console.detail("index: " + std::to_string(st.requests) + " requests, " + std::to_string(st.file_reads) +
                 " files read, " + std::to_string(st.cache_hits) + " cache hits, " + std::to_string(st.revalidated) +
                 " revalidated, " + std::to_string(st.bytes) + " bytes");
  return 0;
}

std::map<PackageName, std::vector<std::string>> via_map(const resolver::python::Resolution& r,
                                                        const std::string& root_label) {
  std::map<PackageName, std::set<std::string>> sets;
  for (const auto& e : r.edges) {
    if (!r.packages.count(e.to)) continue;
    if (e.from.empty()) {
      sets[e.to].insert(root_label);
    } else if (e.from != e.to) {
      auto it = r.packages.find(e.from);
      sets[e.to].insert(it != r.packages.end() ? it->second.name.str() : e.from.str());
    }
  }
  std::map<PackageName, std::vector<std::string>> out;
  for (auto& [name, s] : sets) {
    std::vector<std::string> v(s.begin(), s.end());
    // "-r file" entries first, like pip-compile.
    std::stable_partition(v.begin(), v.end(), [](const std::string& x) { return x.rfind("-r ", 0) == 0; });
    out[name] = std::move(v);
  }
  return out;
}

std::string pinned_line(const resolver::python::ResolvedPackage& p, bool with_extras) {
  std::string s = p.name.str();
  if (with_extras && !p.extras.empty()) {
    s += "[";
    bool first = true;
    for (const auto& x : p.extras) {
      if (!first) s += ",";
      first = false;
      s += x;
    }
    s += "]";
  }
  if (!p.url.empty()) return s + " @ " + p.url;
  return s + "==" + p.version.to_string();
}

}  // namespace pinreqs::cli
