// `pinreqs [pin] FILE…`: resolve for the target and rewrite each file in place — every top-level range becomes
// `==version`, everything else byte for byte as it was, and the transitive dependencies go in one marked block
// at the end of the entry file.
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "console.hpp"
#include "lock.hpp"
#include "pinreqs/cli/atomic_write.hpp"
#include "pinreqs/cli/commands.hpp"
#include "pinreqs/cli/unified_diff.hpp"
#include "pinreqs/parsers/reqtxt/rewriter.hpp"
#include "report_json.hpp"

namespace pinreqs::cli {
namespace fs = std::filesystem;

namespace {

constexpr const char* kBlockBegin = "# >>> pinreqs: locked transitive dependencies (generated; edit the lines above)";
constexpr const char* kBlockEnd = "# <<< pinreqs";

// The byte range of the generated block in the entry file, if present.
std::optional<Span> find_block(std::string_view text) {
  const auto b = text.find(kBlockBegin);
  if (b == std::string_view::npos) return std::nullopt;
  if (b != 0 && text[b - 1] != '\n' && text[b - 1] != '\r') return std::nullopt;
  auto e = text.find(kBlockEnd, b + 1);
  if (e == std::string_view::npos) e = text.size();
  return Span{b, e + std::string_view(kBlockEnd).size()};
}

bool inside(const Span& outer, const Span& inner) { return inner.begin >= outer.begin && inner.end <= outer.end; }

std::string specifier_text(const reqtxt::RequirementEntry& e, const std::string& text) {
  if (!e.specifier_span || e.specifier_span->empty()) return "";
  return std::string(e.specifier_span->in(text));
}

struct Change {
  std::string file;
  std::string name;
  std::string before;
  std::string after;
};

}  // namespace

int run_pin(const PinOptions& o) {
  const Console console(o.common);
  if (o.output && o.files.size() != 1) {
    console.error("-o/--output takes exactly one input file");
    return 1;
  }
  const bool dry = o.dry_run || o.diff;
  int worst = 0;

  for (const auto& file : o.files) {
    reqtxt::ParseOptions popts;
    const auto parsed = reqtxt::parse_requirements_file(file, popts);
    if (!parsed.ok()) {
      std::fputs(parsed.render_problems({.color = console.color_stderr()}).c_str(), stderr);
      console.error("`" + file + "` has errors; nothing was changed");
      worst = std::max(worst, 1);
      continue;
    }
    const std::string& entry_text = parsed.files.at(0).text;
    const auto block = find_block(entry_text);

    // Top level: every requirement outside the generated block (included -r files count as top level).
    std::vector<const reqtxt::RequirementEntry*> top, locked;
    for (const auto& e : parsed.requirements) {
      if (e.file == 0 && block && inside(*block, e.line)) locked.push_back(&e);
      else top.push_back(&e);
    }
    for (const auto& e : parsed.editables) top.push_back(&e);

    LockRequest req;
    std::set<PackageName> top_names;
    for (const auto* e : top) {
      auto r = to_requirement(*e);
      if (!r) {
        console.warn(parsed.files[e->file].display_name + ":" + std::to_string(e->line_number) + ": `" +
                     std::string(e->requirement.in(parsed.files[e->file].text)) +
                     "` names no project; it is kept as written and not resolved (pinreqs never builds packages)");
        continue;
      }
      top_names.insert(r->name);
      req.requirements.push_back(std::move(*r));
    }
    for (const auto& c : parsed.constraints)
      if (auto r = to_requirement(c)) req.constraints.push_back(std::move(*r));
    if (!o.upgrade) {
      std::vector<const reqtxt::RequirementEntry*> pinned = top;
      pinned.insert(pinned.end(), locked.begin(), locked.end());
      req.preferences = exact_pins(pinned);
    }
    req.upgrade_all = o.upgrade;
    for (const auto& n : o.upgrade_packages)
      if (auto pn = PackageName::parse(n)) req.upgrade.insert(*pn);
      else console.warn("--upgrade-package `" + n + "` is not a valid project name");

    LockRun run;
    const fs::path project_dir = fs::path(file).has_parent_path() ? fs::path(file).parent_path() : fs::path(".");
    if (int rc = run_lock(console, o.common, project_dir, &parsed.index, req, run); rc != 0) {
      worst = std::max(worst, rc);
      continue;
    }
    if (auto* ns = std::get_if<resolver::python::NoSolution>(&run.outcome)) {
      console.error("no versions of the requirements in `" + file + "` fit together on " + run.target.describe() +
                    ":\n\n" + ns->explanation);
      if (o.common.format == OutputFormat::Json) console.out(no_solution_json(run.target, ns->explanation));
      worst = std::max(worst, 1);
      continue;
    }
    const auto& res = std::get<resolver::python::Resolution>(run.outcome);
    for (const auto& w : res.warnings) console.warn(w);

    // Edits per file: each top-level named requirement gets `==version`.
    std::map<std::size_t, std::vector<reqtxt::Edit>> edits;
    std::vector<Change> changes;
    std::set<std::pair<std::size_t, PackageName>> seen;
    for (const auto* e : top) {
      if (!e->named || !e->url.empty() || e->constraint) continue;
      auto it = res.packages.find(e->name);
      if (it == res.packages.end()) {
        console.detail("`" + e->name.str() + "` is not needed on " + run.target.describe() +
                       " (its marker is false there); left as written");
        continue;
      }
      const std::string want = "==" + it->second.version.to_string();
      const std::string have = specifier_text(*e, parsed.files[e->file].text);
      if (have == want) continue;
      if (!seen.insert({e->file, e->name}).second) continue;
      if (!e->hashes.empty())
        console.warn("`" + e->name.str() + "` has --hash options; check them against " + want +
                     " (pinreqs compile --generate-hashes writes them)");
      reqtxt::SetSpecifier set;
      set.name = e->name;
      set.specifier = want;
      edits[e->file].emplace_back(std::in_place_type<reqtxt::SetSpecifier>, std::move(set));
      changes.push_back({parsed.files[e->file].display_name, e->name.str(), have.empty() ? "(any)" : have, want});
    }

    // The generated block with the transitive dependencies.
    if (!o.top_level_only) {
      reqtxt::ReplaceBlock rb;
      rb.begin_marker = kBlockBegin;
      rb.end_marker = kBlockEnd;
      rb.lines.push_back("# for " + run.target.describe() + ", by `pinreqs " + fs::path(file).filename().string() +
                         (o.common.python ? " --python " + *o.common.python : "") +
                         (o.common.platform ? " --platform " + *o.common.platform : "") + "`");
      const auto via = via_map(res, "-r " + fs::path(file).filename().string());
      std::size_t count = 0;
      for (const auto& [name, p] : res.packages) {
        if (top_names.count(name)) continue;
        std::string line = pinned_line(p);
        if (auto v = via.find(name); v != via.end() && !v->second.empty()) {
          line += "  # via ";
          for (std::size_t i = 0; i < v->second.size(); ++i) line += (i ? ", " : "") + v->second[i];
        }
        rb.lines.push_back(std::move(line));
        ++count;
      }
      if (count == 0) rb.lines.push_back("# (no transitive dependencies)");
      edits[0].emplace_back(std::in_place_type<reqtxt::ReplaceBlock>, std::move(rb));
    }

    // Apply, then write (or show) every file that changed.
    bool wrote_any = false;
    for (auto& [fi, list] : edits) {
      auto text = reqtxt::rewrite(parsed, fi, list);
      if (!text) {
        worst = std::max(worst, report_error(console, text.error()));
        continue;
      }
      const auto& src = parsed.files[fi];
      if (*text == src.text) continue;
      const std::string dest = (fi == 0 && o.output) ? *o.output : src.location;
      if (dry) {
        console.out(unified_diff(src.text, *text, src.display_name, dest));
        continue;
      }
      if (auto w = write_file_atomically(dest, *text); !w) {
        worst = std::max(worst, report_error(console, w.error()));
        continue;
      }
      wrote_any = true;
    }
    if (o.output && !dry && !wrote_any && edits.count(0) == 0) {
      // Nothing changed, but -o still gets the (unchanged) content.
      if (auto w = write_file_atomically(*o.output, entry_text); !w) worst = std::max(worst, report_error(console, w.error()));
    }

    if (o.common.format == OutputFormat::Json) {
      std::vector<JsonChange> jc;
      for (const auto& c : changes) jc.push_back({c.file, c.name, c.before, c.after});
      console.out(resolution_json(run.target, res, *run.source, via_map(res, "-r " + file), jc));
    }
    for (const auto& c : changes) console.info("  " + c.name + " " + console.dim(c.before) + " -> " + console.green(c.after));
    const std::size_t transitive = res.packages.size() > top_names.size() ? res.packages.size() - top_names.size() : 0;
    console.info(std::string(dry ? "Would pin " : "Pinned ") + std::to_string(changes.size()) + " of " +
                 std::to_string(top_names.size()) + " top-level requirements in `" + file + "`" +
                 (o.top_level_only ? "" : "; " + std::to_string(transitive) + " transitive dependencies locked") +
                 (dry ? " (dry run: nothing written)" : ""));
  }
  return worst;
}

}  // namespace pinreqs::cli
