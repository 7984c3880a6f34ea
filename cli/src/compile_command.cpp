// `pinreqs compile IN… [-o OUT]`: a full pinned lock in pip-compile's format (or PEP 751 pylock.toml).
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "console.hpp"
#include "lock.hpp"
#include "pinreqs/cli/atomic_write.hpp"
#include "pinreqs/cli/commands.hpp"
#include "pinreqs/index/url.hpp"
#include "pinreqs/parsers/pyproject.hpp"
#include "pinreqs/parsers/target_environment.hpp"
#include "pinreqs/parsers/wheel_filename.hpp"
#include "report_json.hpp"
#include "version_info.hpp"

namespace pinreqs::cli {
namespace fs = std::filesystem;

namespace {

bool is_default_or_local_index(const std::string& url) {
  return url == kDefaultIndex || url == "https://pypi.org/simple" || url == "https://pypi.org/simple/" ||
         url.rfind("file://", 0) == 0;
}

// Strips credentials entirely (not "****"): the file is meant to be committed; pip finds credentials in netrc.
std::string url_without_credentials(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const auto host_start = scheme + 3;
  const auto slash = url.find('/', host_start);
  const auto at = url.rfind('@', slash == std::string::npos ? url.size() : slash);
  if (at == std::string::npos || at < host_start) return url;
  return url.substr(0, host_start) + url.substr(at + 1);
}

// sha256 of the release's files that fit the target (compatible wheels and, unless binary-only, the sdist), or
// of every file with `all`.
std::vector<std::string> hashes_for(const ProjectIndex& project, const resolver::python::ResolvedPackage& p,
                                    const wheel::TagPriority& tags, bool all) {
  std::set<std::string> out;
  for (const auto& rel : project.releases) {
    if (rel.version != p.version) continue;
    for (const auto& f : rel.files) {
      if (f.sha256.empty()) continue;
      if (!all) {
        if (auto w = wheel::WheelFilename::parse(f.filename)) {
          if (!tags.compatible(*w)) continue;
        } else if (!wheel::SdistFilename::parse(f.filename)) {
          continue;
        }
      }
      out.insert(f.sha256);
    }
  }
  return {out.begin(), out.end()};
}

std::string toml_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

std::string marker_environment_text(const TargetChoice& t) {
  const auto env = wheel::marker_environment(t.target);
  return "python_version == \"" + env.python_version + "\" and sys_platform == \"" + env.sys_platform +
         "\" and platform_machine == \"" + env.platform_machine + "\"";
}

}  // namespace

int run_compile(const CompileOptions& o) {
  const Console console(o.common);
  LockRequest req;
  reqtxt::IndexOptions file_index;
  std::string root_label;
  for (const auto& in : o.inputs) {
    const std::string label = "-r " + fs::path(in).filename().string();
    if (root_label.empty()) root_label = label;
    if (fs::path(in).filename() == "pyproject.toml") {
      auto text = read_file(in);
      if (!text) return report_error(console, text.error());
      const PyProject py = parse_pyproject(*text);
      for (const auto& d : py.dependencies) {
        auto r = pep508::Requirement::parse(d.value);
        if (!r) {
          console.error(in + ": invalid dependency `" + d.value + "`: " + r.error().message);
          return 1;
        }
        req.requirements.push_back(std::move(*r));
      }
      continue;
    }
    const auto parsed = reqtxt::parse_requirements_file(in);
    if (!parsed.ok()) {
      std::fputs(parsed.render_problems({.color = console.color_stderr()}).c_str(), stderr);
      return 1;
    }
    if (parsed.index.index_url) file_index.index_url = parsed.index.index_url;
    for (const auto& u : parsed.index.extra_index_urls) file_index.extra_index_urls.push_back(u);
    file_index.pre = file_index.pre || parsed.index.pre;
    file_index.no_index = file_index.no_index || parsed.index.no_index;
    for (const auto& e : parsed.requirements)
      if (auto r = to_requirement(e)) req.requirements.push_back(std::move(*r));
    for (const auto& e : parsed.editables)
      if (auto r = to_requirement(e)) req.requirements.push_back(std::move(*r));
    for (const auto& c : parsed.constraints)
      if (auto r = to_requirement(c)) req.constraints.push_back(std::move(*r));
  }
  // Pins already in the output are kept unless upgraded.
  if (o.output && *o.output != "-" && !o.upgrade && fs::exists(*o.output) && o.output_format == "requirements") {
    reqtxt::ParseOptions popts;
    popts.follow_includes = false;
    const auto existing = reqtxt::parse_requirements_file(*o.output, popts);
    std::vector<const reqtxt::RequirementEntry*> entries;
    for (const auto& e : existing.requirements) entries.push_back(&e);
    req.preferences = exact_pins(entries);
  }
  req.upgrade_all = o.upgrade;
  for (const auto& n : o.upgrade_packages)
    if (auto pn = PackageName::parse(n)) req.upgrade.insert(*pn);

  LockRun run;
  const fs::path project_dir = fs::path(o.inputs.front()).has_parent_path() ? fs::path(o.inputs.front()).parent_path()
                                                                           : fs::path(".");
  if (int rc = run_lock(console, o.common, project_dir, &file_index, req, run); rc != 0) return rc;
  if (auto* ns = std::get_if<resolver::python::NoSolution>(&run.outcome)) {
    console.error("no versions of these requirements fit together on " + run.target.describe() + ":\n\n" +
                  ns->explanation);
    if (o.output_format == "json") console.out(no_solution_json(run.target, ns->explanation));
    return 1;
  }
  const auto& res = std::get<resolver::python::Resolution>(run.outcome);
  for (const auto& w : res.warnings) console.warn(w);
  const auto via = via_map(res, root_label);
  const wheel::TagPriority tags = wheel::TagPriority::for_target(run.target.target);

  std::string out;
  if (o.output_format == "json") {
    out = resolution_json(run.target, res, *run.source, via, {});
  } else if (o.output_format == "pylock") {
    out += "# generated by pinreqs " PINREQS_VERSION " for " + run.target.describe() + "\n";
    out += "# " + o.command_line + "\n";
    out += "lock-version = \"1.0\"\n";
    out += "environments = [" + toml_string(marker_environment_text(run.target)) + "]\n";
    out += "requires-python = " + toml_string("==" + run.target.target.python.to_string() + ".*") + "\n";
    out += "created-by = \"pinreqs\"\n";
    for (const auto& [name, p] : res.packages) {
      out += "\n[[packages]]\nname = " + toml_string(name.str()) + "\n";
      if (!p.url.empty()) {
        out += "archive = { url = " + toml_string(url_without_credentials(p.url)) + " }\n";
        continue;
      }
      out += "version = " + toml_string(p.version.to_string()) + "\n";
      auto proj = run.source->project(name);
      if (!proj) continue;
      std::string wheels, sdist;
      for (const auto& rel : (*proj)->releases) {
        if (rel.version != p.version) continue;
        for (const auto& f : rel.files) {
          std::string entry = "{ name = " + toml_string(f.filename) + ", url = " +
                              toml_string(url_without_credentials(f.url));
          if (f.size) entry += ", size = " + std::to_string(*f.size);
          if (f.upload_time) entry += ", upload-time = " + std::to_string(*f.upload_time);
          if (!f.sha256.empty()) entry += ", hashes = { sha256 = " + toml_string(f.sha256) + " }";
          entry += " }";
          if (auto w = wheel::WheelFilename::parse(f.filename)) {
            if (!o.all_platform_hashes && !tags.compatible(*w)) continue;
            wheels += "  " + entry + ",\n";
          } else if (wheel::SdistFilename::parse(f.filename) && sdist.empty()) {
            sdist = entry;
          }
        }
      }
      if (!sdist.empty()) out += "sdist = " + sdist + "\n";
      if (!wheels.empty()) out += "wheels = [\n" + wheels + "]\n";
    }
  } else {
    if (o.header) {
      out += "#\n# This file is autogenerated by pinreqs " PINREQS_VERSION " for " + run.target.describe() + "\n";
      out += "# by the following command:\n#\n#    " + o.command_line + "\n#\n";
    }
    for (const auto& u : run.indexes.urls) {
      if (is_default_or_local_index(u)) continue;
      out += (u == run.indexes.urls.front() ? "--index-url " : "--extra-index-url ") + url_without_credentials(u) + "\n";
    }
    if (out.size() && out.back() != '\n') out += "\n";
    for (const auto& [name, p] : res.packages) {
      std::string line = pinned_line(p, !o.strip_extras);
      std::vector<std::string> hashes;
      if (o.generate_hashes && p.url.empty()) {
        if (auto proj = run.source->project(name)) hashes = hashes_for(**proj, p, tags, o.all_platform_hashes);
      }
      const auto v = via.find(name);
      const bool has_via = o.annotate && v != via.end() && !v->second.empty();
      if (!hashes.empty()) {
        out += line + " \\\n";
        for (std::size_t i = 0; i < hashes.size(); ++i)
          out += "    --hash=sha256:" + hashes[i] + (i + 1 < hashes.size() ? " \\\n" : "\n");
      } else if (has_via && o.annotation_style == "line") {
        out += line;  // line style: the note goes on the requirement line itself
      } else {
        out += line + "\n";
      }
      if (!has_via) continue;
      if (o.annotation_style == "line") {
        out += hashes.empty() ? "  # via " : "    # via ";
        for (std::size_t i = 0; i < v->second.size(); ++i) out += (i ? ", " : "") + v->second[i];
        out += "\n";
      } else if (v->second.size() == 1) {
        out += "    # via " + v->second.front() + "\n";
      } else {
        out += "    # via\n";
        for (const auto& s : v->second) out += "    #   " + s + "\n";
      }
    }
  }

  if (!o.output || *o.output == "-") {
    console.out(out);
  } else if (auto w = write_file_atomically(*o.output, out); !w) {
    return report_error(console, w.error());
  }
  console.info("Resolved " + std::to_string(res.packages.size()) + " packages for " + run.target.describe() +
               (o.output && *o.output != "-" ? "; wrote `" + *o.output + "`" : ""));
  return 0;
}

}  // namespace pinreqs::cli
