// Check 2: Git LFS. A host that clones without git-lfs (most build services) gets the pointer text, not the
// data: report every committed pointer with its real size, the .gitattributes rules that route paths through
// LFS, and the Python code that names those files.
#include <algorithm>
#include <map>

#include "pinreqs/analysis/preflight.hpp"
#include "preflight_internal.hpp"

namespace pinreqs::analysis {

namespace {

std::string base_name(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// `"…name"` / `'…name'`: the name ends a string literal on this line.
bool names_in_literal(std::string_view line, std::string_view name) {
  std::size_t pos = 0;
  while ((pos = line.find(name, pos)) != std::string_view::npos) {
    const std::size_t end = pos + name.size();
    if (end < line.size() && (line[end] == '"' || line[end] == '\'')) {
      const char q = line[end];
      std::size_t i = pos;
      bool ok = false;
      while (i > 0) {
        const char c = line[i - 1];
        if (c == q) {
          ok = true;
          break;
        }
        if (c == ' ' || c == '\t' || c == '"' || c == '\'') break;
        --i;
      }
      // the character before the name must be a path separator or the opening quote (not `xmodel.bin`)
      if (ok && (pos == 0 || line[pos - 1] == '/' || line[pos - 1] == '\\' || line[pos - 1] == q)) return true;
    }
    pos = end;
  }
  return false;
}

struct CodeRef {
  std::string file;
  std::size_t line;
};

std::map<std::string, std::vector<CodeRef>> find_code_references(const RepoSnapshot& repo,
                                                                 const std::vector<const RepoFile*>& targets) {
  std::map<std::string, std::vector<CodeRef>> refs;
  std::size_t scanned = 0;
  for (const auto& f : repo.files) {
    if (!f.on_disk || f.path.size() < 3 || f.path.substr(f.path.size() - 3) != ".py") continue;
    if (++scanned > 5000) break;
    auto text = detail::read_text_file(repo.root / f.path, 1u << 20);
    if (!text) continue;
    std::size_t line_no = 0, pos = 0;
    while (pos <= text->size()) {
      const std::size_t nl = text->find('\n', pos);
      const std::string_view line(text->data() + pos, (nl == std::string::npos ? text->size() : nl) - pos);
      ++line_no;
      for (const RepoFile* t : targets) {
        const std::string name = base_name(t->path);
        if (names_in_literal(line, name) && refs[t->path].size() < 5) refs[t->path].push_back({f.path, line_no});
      }
      if (nl == std::string::npos) break;
      pos = nl + 1;
    }
  }
  return refs;
}

}  // namespace

CheckResult check_lfs(const RepoSnapshot& repo, const PreflightOptions& options) {
  CheckResult r;
  r.id = "lfs";
  r.title = "Git LFS";
  const HostLimits* host = find_host(options.host);

  // The rules, from every .gitattributes in the tree.
  struct RuleAt {
    std::string file;
    detail::LfsRule rule;
  };
  std::vector<RuleAt> rules;
  for (const auto& f : repo.files) {
    if (base_name(f.path) != ".gitattributes" || !f.on_disk) continue;
    if (auto text = detail::read_text_file(repo.root / f.path))
      for (auto& rule : detail::lfs_rules(*text)) rules.push_back({f.path, std::move(rule)});
  }
  auto rule_for = [&](const std::string& path) -> const RuleAt* {
    const RuleAt* found = nullptr;  // later lines win, as in gitattributes
    for (const auto& ra : rules) {
      const auto dir = ra.file.find('/') == std::string::npos ? std::string() : ra.file.substr(0, ra.file.rfind('/') + 1);
      if (!dir.empty() && path.rfind(dir, 0) != 0) continue;
      if (detail::attr_pattern_matches(ra.rule.pattern, path.substr(dir.size()))) found = &ra;
    }
    return found;
  };

  std::vector<const RepoFile*> pointers;
  for (const auto& f : repo.files)
    if (f.lfs_pointer) pointers.push_back(&f);
  const auto code_refs = find_code_references(repo, pointers);

  std::uint64_t missing_bytes = 0;
  for (const RepoFile* f : pointers) {
    missing_bytes += f->lfs_pointer->size;
    Finding fd;
    fd.severity = Severity::Error;
    fd.file = f->path;
    fd.line = 0;
    fd.message = "`" + f->path + "` is a Git LFS pointer (" + format_size(f->size) + ") to " +
                 format_size(f->lfs_pointer->size) + " of data" + (f->tracked ? "" : " (not yet committed)");
    fd.details.push_back("a clone without git-lfs (most build hosts, a plain `git clone` in a Dockerfile) gets this "
                         "pointer text, not the " + format_size(f->lfs_pointer->size) + " file: loading it fails at runtime");
    fd.details.push_back("pointer " + f->lfs_pointer->oid.substr(0, 19) + "…, size " + std::to_string(f->lfs_pointer->size));
    if (auto it = code_refs.find(f->path); it != code_refs.end())
      for (const auto& ref : it->second)
        fd.details.push_back("loaded by " + ref.file + ":" + std::to_string(ref.line));
    const RuleAt* rule = rule_for(f->path);
    if (rule) fd.details.push_back("routed through LFS by " + rule->file + ":" + std::to_string(rule->rule.line) + " `" +
                                   rule->rule.pattern + " filter=lfs`");
    const std::string qp = detail::shell_quote(f->path);
    const std::string attrs = rule ? detail::shell_quote(rule->file) + " " : "";
    if (host && f->lfs_pointer->size > host->push_file_limit) {
      // Too big for plain git on this host: take it out of the repository and fetch it at build time.
      fd.details.push_back("at " + format_size(f->lfs_pointer->size) + " it is over " + host->display + "'s " +
                           format_size(host->push_file_limit) + " push limit, so it cannot move into git: download it "
                           "at build or start time instead (a release asset, object storage or a model hub)");
      if (rule) fd.fixes.push_back("git lfs untrack " + detail::shell_quote(rule->rule.pattern));
      if (f->tracked) fd.fixes.push_back("git rm --cached " + qp);
      fd.fixes.push_back("echo " + detail::shell_quote("/" + f->path) + " >> .gitignore");
      fd.fixes.push_back("git add " + attrs + ".gitignore");
      fd.fixes.push_back("git commit -m " + detail::shell_quote("Download " + f->path + " at build time"));
    } else {
      if (f->on_disk && f->disk_size == f->size) fd.fixes.push_back("git lfs pull --include=" + qp);
      if (rule) fd.fixes.push_back("git lfs untrack " + detail::shell_quote(rule->rule.pattern));
      if (f->tracked) fd.fixes.push_back("git rm --cached " + qp);
      fd.fixes.push_back("git add " + attrs + qp);
      fd.fixes.push_back("git commit -m " + detail::shell_quote("Store " + f->path + " in git, not LFS"));
    }
    r.add(std::move(fd));
  }

  for (const auto& ra : rules) {
    std::size_t pointer_matches = 0, regular_matches = 0;
    for (const auto& f : repo.files) {
      const RuleAt* winner = rule_for(f.path);
      if (winner != &ra) continue;
      if (f.lfs_pointer) ++pointer_matches;
      else ++regular_matches;
    }
    Finding fd;
    fd.file = ra.file;
    fd.line = ra.rule.line;
    fd.severity = pointer_matches ? Severity::Warning : Severity::Notice;
    fd.message = "`" + ra.rule.pattern + " filter=lfs` routes " +
                 (pointer_matches + regular_matches == 0
                      ? std::string("no current file")
                      : std::to_string(pointer_matches + regular_matches) + " file" +
                            (pointer_matches + regular_matches == 1 ? "" : "s")) +
                 " through Git LFS";
    if (regular_matches)
      fd.details.push_back(std::to_string(regular_matches) + " matching file" + (regular_matches == 1 ? " is" : "s are") +
                           " still committed as regular content; the next `git add` with git-lfs installed turns " +
                           (regular_matches == 1 ? "it" : "them") + " into pointers");
    if (pointer_matches || regular_matches) fd.fixes.push_back("git lfs untrack " + detail::shell_quote(ra.rule.pattern));
    r.add(std::move(fd));
  }

  if (pointers.empty() && rules.empty()) r.summary = "no LFS rules or pointers";
  else if (pointers.empty()) r.summary = std::to_string(rules.size()) + " LFS rule" + (rules.size() == 1 ? "" : "s") + ", no pointer committed";
  else
    r.summary = std::to_string(pointers.size()) + " file" + (pointers.size() == 1 ? " is an LFS pointer" : "s are LFS pointers") +
                " (" + format_size(missing_bytes) + " a clone without LFS does not get)";
  return r;
}

}  // namespace pinreqs::analysis
