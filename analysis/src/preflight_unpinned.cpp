// Check 1: every requirement in the repository's requirements files (and pyproject.toml [project]
// dependencies) is pinned to one version, and with --require-hashes every pin carries a hash.
#include <algorithm>

#include "pinreqs/analysis/preflight.hpp"
#include "pinreqs/parsers/pyproject.hpp"
#include "pinreqs/parsers/reqtxt/requirements_file.hpp"
#include "preflight_internal.hpp"

namespace pinreqs::analysis {

namespace {

bool is_exact_pin(const pep440::SpecifierSet& spec) {
  const auto& s = spec.specifiers();
  if (s.size() != 1) return false;
  return (s.front().op() == pep440::Operator::Equal && !s.front().wildcard()) ||
         s.front().op() == pep440::Operator::ArbitraryEqual;
}

std::string why_unpinned(const pep440::SpecifierSet& spec) {
  if (spec.empty()) return "has no version";
  const auto& s = spec.specifiers();
  if (s.size() == 1 && s.front().op() == pep440::Operator::Equal && s.front().wildcard())
    return "is a wildcard (`" + spec.to_string() + "`), not a pin";
  return "is a range (`" + spec.to_string() + "`), not a pin";
}

bool has_lock_file(const RepoSnapshot& repo) {
  for (const char* name : {"uv.lock", "poetry.lock", "pdm.lock", "Pipfile.lock", "pylock.toml"})
    if (detail::find_file(repo, name)) return true;
  return std::any_of(repo.files.begin(), repo.files.end(), [](const RepoFile& f) {
    return f.path.rfind("pylock.", 0) == 0 && f.path.size() > 5 && f.path.substr(f.path.size() - 5) == ".toml";
  });
}

}  // namespace

CheckResult check_unpinned(const RepoSnapshot& repo, const PreflightOptions& options) {
  CheckResult r;
  r.id = "unpinned";
  r.title = "Pinned dependencies";
  std::size_t files = 0, requirements = 0, unpinned = 0, unhashed = 0;

  std::size_t test_files = 0;
  for (const auto& f : repo.files) {
    if (!f.on_disk || !detail::is_requirements_file(f.path)) continue;
    if (detail::in_test_tree(f.path)) {
      ++test_files;
      continue;
    }
    auto text = detail::read_text_file(repo.root / f.path);
    if (!text) {
      r.add({Severity::Warning, "cannot read `" + f.path + "`", f.path, 0, {}, {}});
      continue;
    }
    ++files;
    reqtxt::ParseOptions po;
    po.follow_includes = false;  // every requirements file in the tree is checked on its own
    po.env = [](std::string_view) { return std::optional<std::string>(); };
    const auto parsed = reqtxt::parse_requirements_text(*text, f.path, po);
    for (const auto& p : parsed.problems) {
      if (p.file != 0 || p.diagnostic.severity != pinreqs::Severity::Error) continue;
      r.add({Severity::Error, "`" + f.path + "` cannot be read by pip: " + p.diagnostic.message, f.path,
             reqtxt::line_col_codepoints(*text, p.diagnostic.span.begin).line, {}, {}});
    }
    const bool file_requires_hashes = options.require_hashes || parsed.index.require_hashes;
    const bool constraints_file = f.path.find("constraints") != std::string::npos;
    for (const auto& e : parsed.requirements) {
      if (e.file != 0) continue;
      ++requirements;
      const std::string text_of = std::string(e.requirement.in(parsed.files[0].text));
      if (!e.named || !e.url.empty()) {
        if (e.url_kind == reqtxt::UrlKind::Vcs && e.url.find('@', e.url.find("://") + 3) == std::string::npos)
          r.add({Severity::Warning, "`" + text_of + "` follows a branch of a VCS repository: each deploy may get other code",
                 f.path, e.line_number, {}, {"pin a commit: `name @ git+https://...@<commit sha>`"}});
        continue;
      }
      if (!is_exact_pin(e.specifier)) {
        ++unpinned;
        Finding fd{Severity::Error, "`" + text_of + "` " + why_unpinned(e.specifier), f.path, e.line_number, {}, {}};
        fd.details.push_back(constraints_file ? "a constraint that is not a pin lets the resolver choose a newer release"
                                              : "the deploy installs whatever is newest on that day, not what you tested");
        fd.fixes.push_back("pinreqs " + detail::shell_quote(f.path));
        r.add(std::move(fd));
      } else if (file_requires_hashes && e.hashes.empty()) {
        ++unhashed;
        Finding fd{Severity::Error, "`" + text_of + "` has no `--hash`", f.path, e.line_number, {}, {}};
        fd.details.push_back(options.require_hashes ? "--require-hashes: every pin needs the hash of its files"
                                                    : "the file says --require-hashes: pip refuses the whole file");
        fd.fixes.push_back("pinreqs compile " + detail::shell_quote(f.path) + " --generate-hashes -o " +
                           detail::shell_quote(f.path));
        r.add(std::move(fd));
      }
    }
  }

  if (const RepoFile* py = detail::find_file(repo, "pyproject.toml"); py && py->on_disk) {
    if (auto text = detail::read_text_file(repo.root / "pyproject.toml")) {
      const PyProject proj = parse_pyproject(*text);
      const bool locked = has_lock_file(repo);
      if (proj.has_project_table && !proj.dependencies.empty()) ++files;
      for (const auto& d : proj.dependencies) {
        ++requirements;
        auto req = pep508::Requirement::parse(d.value);
        if (!req) {
          r.add({Severity::Error, "`" + d.value + "` is not a valid requirement: " + req.error().message, "pyproject.toml",
                 detail::line_of(*text, d.span.begin), {}, {}});
          continue;
        }
        if (!req->url.empty() || is_exact_pin(req->specifier)) continue;
        ++unpinned;
        Finding fd{locked ? Severity::Notice : Severity::Error,
                   "`" + d.value + "` " + why_unpinned(req->specifier) + " in [project] dependencies", "pyproject.toml",
                   detail::line_of(*text, d.span.begin), {}, {}};
        if (locked) {
          fd.details.push_back("a lock file pins it for the deploy (ranges are right for a library's metadata)");
        } else {
          fd.details.push_back("nothing pins it: a deploy that installs the project gets the newest matching release");
          fd.fixes.push_back("pinreqs compile pyproject.toml -o requirements.txt");
        }
        r.add(std::move(fd));
      }
    }
  }

  if (test_files)
    r.findings.push_back({Severity::Notice,
                          std::to_string(test_files) + " requirements file" + (test_files == 1 ? "" : "s") +
                              " under tests/ or fixtures/ folders not checked (test data, not the deploy)",
                          "", 0, {}, {}});
  if (files == 0) {
    r.add({Severity::Warning, "no requirements file and no [project] dependencies found", "", 0,
           {"the host cannot know what to install (or guesses)"},
           {"pinreqs compile requirements.in -o requirements.txt"}});
    r.summary = "no requirements found";
  } else if (unpinned + unhashed == 0) {
    r.summary = std::to_string(requirements) + " requirement" + (requirements == 1 ? "" : "s") + " in " +
                std::to_string(files) + " file" + (files == 1 ? "" : "s") + ", all pinned" +
                (options.require_hashes ? " with hashes" : "");
  } else {
    std::vector<std::string> parts;
    if (unpinned)
      parts.push_back(std::to_string(unpinned) + " of " + std::to_string(requirements) + " requirement" +
                      (requirements == 1 ? "" : "s") + " not pinned");
    if (unhashed) parts.push_back(std::to_string(unhashed) + " pin" + (unhashed == 1 ? "" : "s") + " without a hash");
    r.summary = parts.size() == 2 ? parts[0] + ", " + parts[1] : parts[0];
  }
  return r;
}

}  // namespace pinreqs::analysis
