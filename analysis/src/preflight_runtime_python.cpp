// Check 4: which Python the repository declares (runtime.txt, .python-version, pyproject.toml requires-python,
// a Dockerfile's `FROM python:X`), whether the declarations agree, and whether every pinned package has a wheel
// for that Python and for the next newer one (the host's next default).
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "pinreqs/analysis/preflight.hpp"
#include "pinreqs/analysis/wheel_matrix.hpp"
#include "pinreqs/parsers/pyproject.hpp"
#include "pinreqs/parsers/reqtxt/requirements_file.hpp"
#include "pinreqs/parsers/target.hpp"
#include "pinreqs/parsers/target_environment.hpp"
#include "preflight_internal.hpp"
#include "preflight_runtime_python.hpp"

namespace pinreqs::analysis {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// "3.11", "3.11.7" (stops at the first character that is neither a digit nor a dot between digits).
std::optional<PythonVersion> leading_version(std::string_view s) {
  std::size_t i = 0;
  std::vector<int> parts;
  while (parts.size() < 3) {
    const std::size_t start = i;
    int n = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && i - start < 4) n = n * 10 + (s[i++] - '0');
    if (i == start) break;
    parts.push_back(n);
    if (i + 1 < s.size() && s[i] == '.' && std::isdigit(static_cast<unsigned char>(s[i + 1]))) ++i;
    else break;
  }
  if (parts.size() < 2 || parts[0] != 3) return std::nullopt;
  return PythonVersion{parts[0], parts[1], parts.size() > 2 ? parts[2] : -1};
}

std::size_t first_content_line(std::string_view text, std::string_view& line_out) {
  std::size_t pos = 0, line_no = 0;
  while (pos <= text.size()) {
    const std::size_t nl = text.find('\n', pos);
    const std::string_view line = trim(text.substr(pos, nl == std::string_view::npos ? text.size() - pos : nl - pos));
    ++line_no;
    if (!line.empty() && line.front() != '#') {
      line_out = line;
      return line_no;
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return 0;
}

}  // namespace

std::string PythonVersion::minor_text() const { return std::to_string(major) + "." + std::to_string(minor); }
std::string PythonVersion::text() const { return minor_text() + (micro >= 0 ? "." + std::to_string(micro) : ""); }

namespace {

// The declarations in one folder (`prefix` = "" for the root, else "dir/").
std::vector<PythonDeclaration> declarations_in(const RepoSnapshot& repo, const std::string& prefix) {
  std::vector<PythonDeclaration> out;
  if (auto text = detail::read_text_file(repo.root / (prefix + ".python-version"), 64 * 1024)) {
    std::string_view line;
    if (const std::size_t n = first_content_line(*text, line)) {
      std::string_view v = line;
      for (std::string_view lead : {"cpython-", "cpython@", "python-", "python"})
        if (v.rfind(lead, 0) == 0) {
          v.remove_prefix(lead.size());
          break;
        }
      PythonDeclaration d{prefix + ".python-version", n, std::string(line), leading_version(v), false, {}};
      if (line.rfind("pypy", 0) == 0 || line.rfind("graalpy", 0) == 0) d.not_cpython = true;
      out.push_back(std::move(d));
    }
  }
  if (auto text = detail::read_text_file(repo.root / (prefix + "runtime.txt"), 64 * 1024)) {
    std::string_view line;
    if (const std::size_t n = first_content_line(*text, line)) {
      std::string_view v = line;
      if (v.rfind("python-", 0) == 0) v.remove_prefix(7);
      out.push_back({prefix + "runtime.txt", n, std::string(line), leading_version(v), false, {}});
    }
  }
  for (const auto& f : repo.files) {
    if (f.path.rfind(prefix, 0) != 0) continue;
    const std::string name = f.path.substr(prefix.size());
    if (name.find('/') != std::string::npos) continue;
    if (name != "Dockerfile" && name.rfind("Dockerfile.", 0) != 0 &&
        !(name.size() > 11 && name.substr(name.size() - 11) == ".Dockerfile"))
      continue;
    auto text = detail::read_text_file(repo.root / f.path, 1u << 20);
    if (!text) continue;
    std::size_t pos = 0, line_no = 0;
    while (pos <= text->size()) {
      const std::size_t nl = text->find('\n', pos);
      const std::string_view raw(text->data() + pos, (nl == std::string::npos ? text->size() : nl) - pos);
      ++line_no;
      std::string_view line = trim(raw);
      std::string upper(line.substr(0, std::min<std::size_t>(5, line.size())));
      for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (upper == "FROM " || upper == "FROM\t") {
        line.remove_prefix(5);
        line = trim(line);
        while (line.rfind("--", 0) == 0) {  // --platform=...
          const auto sp = line.find_first_of(" \t");
          line = sp == std::string_view::npos ? std::string_view() : trim(line.substr(sp));
        }
        const auto sp = line.find_first_of(" \t");
        const std::string_view image = line.substr(0, sp);
        const auto colon = image.rfind(':');
        std::string_view repo_name = image.substr(0, colon);
        const auto slash = repo_name.rfind('/');
        const std::string_view last = slash == std::string_view::npos ? repo_name : repo_name.substr(slash + 1);
        if (last == "python" && colon != std::string_view::npos) {
          const std::string_view tag = image.substr(colon + 1);
          out.push_back({f.path, line_no, std::string(image), leading_version(tag), false, {}});
        }
      }
      if (nl == std::string::npos) break;
      pos = nl + 1;
    }
  }
  if (auto text = detail::read_text_file(repo.root / (prefix + "pyproject.toml"))) {
    const PyProject proj = parse_pyproject(*text);
    if (proj.requires_python) {
      PythonDeclaration d{prefix + "pyproject.toml", detail::line_of(*text, proj.requires_python->span.begin),
                          proj.requires_python->value, std::nullopt, false, proj.requires_python->value};
      if (auto spec = pep440::SpecifierSet::parse(proj.requires_python->value)) {
        for (int minor = 6; minor <= 20; ++minor)
          if (spec->contains("3." + std::to_string(minor) + ".99")) {
            d.version = PythonVersion{3, minor, -1};
            break;
          }
      }
      out.push_back(std::move(d));
    }
  }
  return out;
}

}  // namespace

std::vector<PythonDeclaration> read_python_declarations(const RepoSnapshot& repo) {
  // The app's own folder first (a monorepo's service), then the repository root.
  if (!repo.app_dir.empty()) {
    auto own = declarations_in(repo, repo.app_dir + "/");
    if (!own.empty()) return own;
  }
  return declarations_in(repo, "");
}

namespace {

struct Pin {
  PackageName name;
  pep440::Version version;
  std::string text;
  std::string file;
  std::size_t line;
  std::optional<pep508::Marker> marker;
};

std::vector<Pin> collect_pins(const RepoSnapshot& repo) {
  std::vector<Pin> pins;
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& f : repo.files) {
    if (!f.on_disk || !detail::is_requirements_file(f.path) || detail::in_test_tree(f.path) ||
        f.path.find("constraints") != std::string::npos)
      continue;
    auto text = detail::read_text_file(repo.root / f.path);
    if (!text) continue;
    reqtxt::ParseOptions po;
    po.follow_includes = false;
    po.env = [](std::string_view) { return std::optional<std::string>(); };
    const auto parsed = reqtxt::parse_requirements_text(*text, f.path, po);
    for (const auto& e : parsed.requirements) {
      if (e.file != 0 || !e.named || !e.url.empty()) continue;
      const auto& specs = e.specifier.specifiers();
      if (specs.size() != 1 || specs.front().op() != pep440::Operator::Equal || specs.front().wildcard() ||
          !specs.front().version())
        continue;
      if (!seen.insert({e.name.str(), specs.front().version()->to_string()}).second) continue;
      pins.push_back({e.name, *specs.front().version(), std::string(e.requirement.in(parsed.files[0].text)), f.path,
                      e.line_number, e.marker});
    }
  }
  return pins;
}

}  // namespace

CheckResult check_runtime_python(const RepoSnapshot& repo, const PreflightOptions& options) {
  CheckResult r;
  r.id = "python";
  r.title = "Runtime Python";
  const auto decls = read_python_declarations(repo);

  // Exact declarations (what the host runs) vs the requires-python range.
  std::vector<const PythonDeclaration*> exact;
  const PythonDeclaration* range = nullptr;
  for (const auto& d : decls) {
    if (d.requires_python) {
      range = &d;
      continue;
    }
    if (d.not_cpython) {
      r.add({Severity::Notice, d.file + " names `" + d.text + "`, not CPython: the wheel check assumes CPython", d.file, d.line, {}, {}});
      continue;
    }
    if (!d.version) {
      r.add({Severity::Error, d.file + " names `" + d.text + "`, which is not a Python version pinreqs can read", d.file, d.line,
             {d.file.find("runtime.txt") != std::string::npos ? "expected `python-3.X.Y`" : "expected `3.X` or `3.X.Y`"}, {}});
      continue;
    }
    exact.push_back(&d);
  }

  std::set<std::pair<int, int>> minors;
  for (const auto* d : exact) minors.insert({d->version->major, d->version->minor});
  if (minors.size() > 1) {
    Finding fd{Severity::Error, "the declarations disagree:", exact[1]->file, exact[1]->line, {}, {}};
    bool first = true;
    for (const auto* d : exact) {
      fd.message += std::string(first ? " " : ", ") + d->file + " says " + d->version->text();
      first = false;
      fd.details.push_back(d->file + ":" + std::to_string(d->line) + ": `" + d->text + "`");
    }
    fd.details.push_back("each host reads a different one: the app may run on a Python you did not test");
    const PythonVersion& keep = *exact[0]->version;  // the first in pinreqs' own order wins
    fd.details.push_back("pinreqs uses " + exact[0]->file + " (" + keep.text() + "); make the others say the same");
    for (const auto* d : exact) {
      if (d->version->major == keep.major && d->version->minor == keep.minor) continue;
      const std::string base = d->file.substr(d->file.rfind('/') == std::string::npos ? 0 : d->file.rfind('/') + 1);
      if (base == "runtime.txt") fd.fixes.push_back("echo python-" + keep.text() + " > " + detail::shell_quote(d->file));
      else if (base == ".python-version") fd.fixes.push_back("echo " + keep.text() + " > " + detail::shell_quote(d->file));
      else fd.details.push_back("change `FROM " + d->text + "` in " + d->file + ":" + std::to_string(d->line) +
                                " to python:" + keep.minor_text());
    }
    r.add(std::move(fd));
  }
  if (range) {
    auto spec = pep440::SpecifierSet::parse(*range->requires_python);
    if (!spec) {
      r.add({Severity::Error, "requires-python `" + *range->requires_python + "` is not a valid specifier: " + spec.error().message,
             range->file, range->line, {}, {}});
    } else {
      for (const auto* d : exact)
        if (!spec->contains(d->version->text() + (d->version->micro < 0 ? ".0" : ""))) {
          auto probe = pep440::Version::parse(d->version->minor_text() + ".99");
          if (probe && spec->contains(*probe)) continue;
          r.add({Severity::Error, d->file + " says " + d->version->text() + ", outside requires-python `" + *range->requires_python + "`",
                 d->file, d->line, {"installing the project on that Python fails"}, {}});
        }
    }
  }
  if (exact.empty()) {
    Finding fd{Severity::Warning, "no runtime Python declared (runtime.txt, .python-version or a Dockerfile `FROM python:X`)", "", 0, {}, {}};
    fd.details.push_back("the platform chooses one for you and may change it with no notice");
    if (range && range->version)
      fd.details.push_back("requires-python `" + *range->requires_python + "` is a range, not a choice; checked " +
                           range->version->minor_text() + " (its lowest)");
    fd.fixes.push_back("echo " + (range && range->version ? range->version->minor_text() : std::string("3.12")) + " > " +
                       detail::shell_quote(repo.app_dir.empty() ? ".python-version" : repo.app_dir + "/.python-version"));
    r.add(std::move(fd));
  }

  // Which Pythons to check wheels for: every declared minor, and the next newer after the highest.
  std::vector<PythonVersion> targets;
  for (const auto& [maj, min] : minors) targets.push_back({maj, min, -1});
  if (targets.empty() && range && range->version) targets.push_back(*range->version);
  const std::size_t declared_count = targets.size();
  if (!targets.empty()) targets.push_back({targets.back().major, targets.back().minor + 1, -1});
  // Nothing declared: check what hosts commonly pick today (pinreqs' own default and the next), as warnings.
  if (targets.empty()) targets = {{3, 12, -1}, {3, 13, -1}};

  std::string declared_text;
  for (std::size_t i = 0; i < declared_count; ++i) declared_text += (i ? ", " : "") + targets[i].minor_text();
  if (exact.size() == 1) r.summary = exact[0]->version->text() + " from " + exact[0]->file;
  else if (exact.size() > 1) r.summary = "declared " + declared_text + (minors.size() > 1 ? " (conflict)" : "");
  else r.summary = "not declared";

  const auto pins = collect_pins(repo);
  if (!options.source) {
    if (!pins.empty()) r.summary += "; wheel check skipped";
    return r;
  }
  auto platform = wheel::parse_platform(options.platform);
  if (!platform) {
    r.add({Severity::Warning, "unknown platform `" + options.platform + "`: wheel check skipped", "", 0, {}, {}});
    return r;
  }
  std::size_t problems = 0;
  bool index_failed = false;
  for (std::size_t ti = 0; ti < targets.size(); ++ti) {
    const bool declared = ti < declared_count;
    wheel::Target target;
    target.python = pep440::Version::from_release({3, static_cast<std::uint64_t>(targets[ti].minor)});
    target.platform = *platform;
    const auto tags = wheel::TagPriority::for_target(target);
    const auto env = wheel::marker_environment(target);
    const std::string cp = "cp3" + std::to_string(targets[ti].minor);
    for (const auto& pin : pins) {
      if (pin.marker) {
        auto applies = pin.marker->evaluate(env, pep508::MarkerContext::Requirement);
        if (applies && !*applies) continue;
      }
      if (index_failed) break;
      auto proj = options.source->project(pin.name);
      if (!proj) {
        if (proj.error().kind == ErrorKind::NotFound) {
          if (declared)
            r.add({Severity::Warning, "`" + pin.name.str() + "` is not on the index: its wheels cannot be checked", pin.file, pin.line, {}, {}});
        } else {
          r.add({Severity::Warning, "wheel check stopped: " + proj.error().describe(), "", 0, {}, {}});
          index_failed = true;
        }
        continue;
      }
      const ProjectIndex& pi = **proj;
      const Release* rel = nullptr;
      for (const auto& rl : pi.releases)
        if (rl.version == pin.version) rel = &rl;
      if (!rel) {
        if (declared)
          r.add({Severity::Warning, "`" + pin.text + "`: the index has no release " + pin.version.to_string(), pin.file, pin.line, {}, {}});
        continue;
      }
      const ReleaseFit fit = classify_release(*rel, target, tags);  // the check command's wheel matrix
      if (from_wheel(fit.availability)) continue;
      ++problems;
      const bool installs = fit.availability == Availability::SdistOnly || fit.availability == Availability::YankedOnly;
      Finding fd;
      fd.file = pin.file;
      fd.line = pin.line;
      fd.severity = declared && !installs ? Severity::Error : Severity::Warning;
      fd.message = "`" + pin.text + "` " + fit.detail + " for " + wheel::describe(target) +
                   (declared ? "" : declared_count ? " (the next newer Python)" : " (no Python declared: a likely host default)");
      if (fit.availability == Availability::SdistOnly)
        fd.details.push_back("pip would build it from the sdist on the deploy: slow, and it needs a compiler and headers");
      else if (fit.availability == Availability::YankedOnly)
        fd.details.push_back("pip installs a yanked file only for an exact pin, with a warning");
      else
        fd.details.push_back("`pip install` fails on Python " + targets[ti].minor_text());
      const WheelFix wf = find_wheel_fix(pi, pin.version, target, tags);
      if (wf.nearest) {
        std::string line = "the nearest release with a " + cp + " wheel is " + wf.nearest->to_string();
        if (wf.newest && *wf.newest != *wf.nearest) line += " (newest " + wf.newest->to_string() + ")";
        fd.details.push_back(line);
      } else if (wf.older) {
        fd.details.push_back("no newer release has a " + cp + " wheel; the newest older one is " + wf.older->to_string());
      } else {
        fd.details.push_back("no release of `" + pin.name.str() + "` has a " + cp + " wheel");
      }
      if (declared) {
        fd.fixes.push_back("pinreqs " + detail::shell_quote(pin.file) + " --python " + targets[ti].minor_text() + " --upgrade-package " +
                           pin.name.str());
      } else {
        fd.details.push_back("a host that moves its default to " + targets[ti].minor_text() + " breaks this deploy");
        if (declared_count)
          fd.details.push_back("keep the runtime declared as " + targets[0].minor_text() + " until a " + cp + " wheel exists");
      }
      r.add(std::move(fd));
    }
  }
  std::string checked_for;
  for (std::size_t i = 0; i < targets.size(); ++i) checked_for += (i ? ", " : "") + targets[i].minor_text();
  if (!pins.empty() && !targets.empty())
    r.summary += "; " + std::to_string(pins.size()) + " pin" + (pins.size() == 1 ? "" : "s") + " checked for " + checked_for +
                 (problems ? ": " + std::to_string(problems) + " missing wheel" + (problems == 1 ? "" : "s") : ": all have wheels");
  return r;
}

}  // namespace pinreqs::analysis
