// Reads a repository with libgit2: index entries (blob sizes, LFS pointers, filter=lfs attributes), untracked
// files, HEAD, remotes with their default branches, local branches with upstreams, and the push destination.
#include "pinreqs/analysis/repo_snapshot.hpp"

#include <algorithm>
#include <cstring>
#include <map>

#include "git_handle.hpp"
#include "preflight_internal.hpp"

namespace pinreqs::analysis {

namespace fs = std::filesystem;

std::optional<LfsPointer> parse_lfs_pointer(std::string_view text) {
  static constexpr std::string_view kVersion = "version https://git-lfs.github.com/spec/v1";
  if (text.size() >= 1024 || text.substr(0, kVersion.size()) != kVersion) return std::nullopt;
  LfsPointer p;
  bool have_oid = false, have_size = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = nl + 1;
    if (line.rfind("oid sha256:", 0) == 0) {
      const std::string_view hex = line.substr(11);
      if (hex.size() != 64 || !std::all_of(hex.begin(), hex.end(), [](char c) {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
          }))
        return std::nullopt;
      p.oid = std::string(line.substr(4));
      have_oid = true;
    } else if (line.rfind("size ", 0) == 0) {
      const std::string_view digits = line.substr(5);
      if (digits.empty() || digits.size() > 19) return std::nullopt;
      std::uint64_t n = 0;
      for (char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
      }
      p.size = n;
      have_size = true;
    }
  }
  if (!have_oid || !have_size) return std::nullopt;
  return p;
}

namespace {

std::uint64_t disk_size(const fs::path& p, bool& exists) {
  std::error_code ec;
  const auto st = fs::symlink_status(p, ec);
  exists = !ec && fs::exists(st);
  if (!exists || !fs::is_regular_file(st)) return 0;
  const auto n = fs::file_size(p, ec);
  return ec ? 0 : static_cast<std::uint64_t>(n);
}

bool skipped_dir(const std::string& name) {
  static const char* const kSkip[] = {".git", ".venv", "venv", "env", "__pycache__", "node_modules", ".tox",
                                      ".mypy_cache", ".pytest_cache", ".ruff_cache"};
  return std::any_of(std::begin(kSkip), std::end(kSkip), [&](const char* s) { return name == s; });
}

bool in_skipped_dir(const std::string& path) {
  std::size_t start = 0;
  for (std::size_t slash; (slash = path.find('/', start)) != std::string::npos; start = slash + 1)
    if (skipped_dir(path.substr(start, slash - start))) return true;
  return false;
}

void read_folder(const fs::path& root, RepoSnapshot& snap) {
  std::vector<detail::LfsRule> rules;
  if (auto text = detail::read_text_file(root / ".gitattributes")) rules = detail::lfs_rules(*text);
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  if (ec) {
    snap.notes.push_back("cannot list " + root.string() + ": " + ec.message());
    return;
  }
  for (; it != end; it.increment(ec)) {
    if (ec) {
      snap.notes.push_back("cannot list part of " + root.string() + ": " + ec.message());
      break;
    }
    const auto& entry = *it;
    const std::string name = entry.path().filename().string();
    if (entry.is_directory(ec) && !entry.is_symlink(ec)) {
      if (skipped_dir(name)) it.disable_recursion_pending();
      continue;
    }
    if (!entry.is_regular_file(ec) || entry.is_symlink(ec)) continue;
    RepoFile f;
    f.path = entry.path().lexically_relative(root).generic_string();
    f.disk_size = disk_size(entry.path(), f.on_disk);
    f.size = f.disk_size;
    for (const auto& r : rules)
      if (detail::attr_pattern_matches(r.pattern, f.path)) f.lfs_filter = true;
    if (f.size < 1024)
      if (auto text = detail::read_text_file(entry.path(), 1024)) f.lfs_pointer = parse_lfs_pointer(*text);
    snap.files.push_back(std::move(f));
  }
}

std::optional<std::string> config_string(git_config* cfg, const std::string& key) {
  const char* v = nullptr;
  if (git_config_get_string(&v, cfg, key.c_str()) != 0 || !v) return std::nullopt;
  return std::string(v);
}

bool config_bool(git_config* cfg, const std::string& key, bool fallback) {
  int v = 0;
  if (git_config_get_bool(&v, cfg, key.c_str()) != 0) return fallback;
  return v != 0;
}

std::string strip_prefix(std::string s, std::string_view prefix) {
  if (s.rfind(prefix, 0) == 0) s.erase(0, prefix.size());
  return s;
}

bool ref_exists(git_repository* repo, const std::string& name, git_oid* out = nullptr) {
  git_reference* raw = nullptr;
  if (git_reference_lookup(&raw, repo, name.c_str()) != 0) return false;
  git::Reference ref(raw);
  if (out) {
    git_reference* resolved_raw = nullptr;
    if (git_reference_resolve(&resolved_raw, ref.get()) != 0) return false;
    git::Reference resolved(resolved_raw);
    const git_oid* id = git_reference_target(resolved.get());
    if (!id) return false;
    *out = *id;
  }
  return true;
}

void read_files(git_repository* repo, const fs::path& root, RepoSnapshot& snap) {
  git_index* index_raw = nullptr;
  if (git_repository_index(&index_raw, repo) != 0) {
    snap.notes.push_back("cannot read the index: " + git::last_error());
    return;
  }
  git::Index index(index_raw);
  git_odb* odb_raw = nullptr;
  if (git_repository_odb(&odb_raw, repo) != 0) {
    snap.notes.push_back("cannot open the object database: " + git::last_error());
    return;
  }
  git::Odb odb(odb_raw);
  const std::size_t n = git_index_entrycount(index.get());
  for (std::size_t i = 0; i < n; ++i) {
    const git_index_entry* e = git_index_get_byindex(index.get(), i);
    if (!e || e->mode == GIT_FILEMODE_COMMIT) continue;  // submodules carry no content here
    if (GIT_INDEX_ENTRY_STAGE(e) > 1) continue;           // a conflict: count stage 0/1 only once
    RepoFile f;
    f.path = e->path;
    f.tracked = true;
    f.disk_size = disk_size(root / f.path, f.on_disk);
    std::size_t len = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    if (git_odb_read_header(&len, &type, odb.get(), &e->id) == 0) {
      f.size = len;
      if (e->mode != GIT_FILEMODE_LINK && len < 1024) {
        git_blob* blob_raw = nullptr;
        if (git_blob_lookup(&blob_raw, repo, &e->id) == 0) {
          git::Blob blob(blob_raw);
          const auto* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
          f.lfs_pointer = parse_lfs_pointer(std::string_view(data, static_cast<std::size_t>(git_blob_rawsize(blob.get()))));
        }
      }
    } else {
      f.size = f.disk_size;  // an index entry whose blob is missing (e.g. `git add -N`): the disk tells
    }
    if (e->mode != GIT_FILEMODE_LINK) {
      const char* value = nullptr;
      if (git_attr_get(&value, repo, GIT_ATTR_CHECK_INDEX_THEN_FILE, f.path.c_str(), "filter") == 0) {
        f.lfs_filter = value && git_attr_value(value) == GIT_ATTR_VALUE_STRING && std::strcmp(value, "lfs") == 0;
      } else {
        snap.notes.push_back("cannot read the attributes of " + f.path + ": " + git::last_error());
      }
    }
    snap.files.push_back(std::move(f));
  }

  git_status_options opts = GIT_STATUS_OPTIONS_INIT;
  opts.show = GIT_STATUS_SHOW_WORKDIR_ONLY;
  opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
  git_status_list* list_raw = nullptr;
  if (git_status_list_new(&list_raw, repo, &opts) != 0) {
    snap.notes.push_back("cannot list untracked files: " + git::last_error());
    return;
  }
  git::StatusList list(list_raw);
  const std::size_t count = git_status_list_entrycount(list.get());
  for (std::size_t i = 0; i < count; ++i) {
    const git_status_entry* s = git_status_byindex(list.get(), i);
    if (!s || !(s->status & GIT_STATUS_WT_NEW) || !s->index_to_workdir) continue;
    RepoFile f;
    f.path = s->index_to_workdir->new_file.path;
    if (in_skipped_dir(f.path)) continue;  // an unignored .venv is not what the app is made of
    f.disk_size = disk_size(root / f.path, f.on_disk);
    f.size = f.disk_size;
    const char* value = nullptr;
    if (git_attr_get(&value, repo, GIT_ATTR_CHECK_FILE_THEN_INDEX, f.path.c_str(), "filter") == 0)
      f.lfs_filter = value && git_attr_value(value) == GIT_ATTR_VALUE_STRING && std::strcmp(value, "lfs") == 0;
    if (f.size < 1024)
      if (auto text = detail::read_text_file(root / f.path, 1024)) f.lfs_pointer = parse_lfs_pointer(*text);
    snap.files.push_back(std::move(f));
  }
}

void read_refs(git_repository* repo, RepoSnapshot& snap) {
  snap.detached = git_repository_head_detached(repo) == 1;
  snap.unborn = git_repository_head_unborn(repo) == 1;
  {
    git_reference* head_raw = nullptr;
    if (git_reference_lookup(&head_raw, repo, "HEAD") == 0) {
      git::Reference head(head_raw);
      if (git_reference_type(head.get()) == GIT_REFERENCE_SYMBOLIC) {
        const char* target = git_reference_symbolic_target(head.get());
        if (target && std::strncmp(target, "refs/heads/", 11) == 0) snap.branch = std::string(target + 11);
      }
    }
  }

  git_config* cfg_raw = nullptr;
  if (git_repository_config_snapshot(&cfg_raw, repo) != 0) {
    snap.notes.push_back("cannot read the repository configuration: " + git::last_error());
    return;
  }
  git::Config cfg(cfg_raw);

  // Remotes are the configured remote.<name>.url / pushurl keys (what git_remote_list matches with a regex;
  // libgit2 1.5's regex matching leaks PCRE2 match data on every miss, seen under LeakSanitizer, so the
  // configuration is walked here without one).
  std::vector<std::string> names;
  git_config_iterator* cit_raw = nullptr;
  if (git_config_iterator_new(&cit_raw, cfg.get()) == 0) {
    git::ConfigIterator cit(cit_raw);
    git_config_entry* entry = nullptr;
    while (git_config_next(&entry, cit.get()) == 0) {
      const std::string_view key = entry->name;
      if (key.rfind("remote.", 0) != 0) continue;
      for (std::string_view suffix : {".url", ".pushurl"})
        if (key.size() > 7 + suffix.size() && key.substr(key.size() - suffix.size()) == suffix) {
          names.emplace_back(key.substr(7, key.size() - 7 - suffix.size()));
          break;
        }
    }
  } else {
    snap.notes.push_back("cannot list remotes: " + git::last_error());
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  for (const auto& name : names) {
    RemoteInfo r;
    r.name = name;
    r.url = config_string(cfg.get(), "remote." + r.name + ".url").value_or("");
    git_reference* head_raw = nullptr;
    if (git_reference_lookup(&head_raw, repo, ("refs/remotes/" + r.name + "/HEAD").c_str()) == 0) {
      git::Reference head(head_raw);
      if (git_reference_type(head.get()) == GIT_REFERENCE_SYMBOLIC)
        r.default_branch = strip_prefix(git_reference_symbolic_target(head.get()), "refs/remotes/" + r.name + "/");
    }
    snap.remotes.push_back(std::move(r));
  }

  git_branch_iterator* it_raw = nullptr;
  if (git_branch_iterator_new(&it_raw, repo, GIT_BRANCH_LOCAL) == 0) {
    git::BranchIterator it(it_raw);
    git_reference* ref_raw = nullptr;
    git_branch_t type{};
    while (git_branch_next(&ref_raw, &type, it.get()) == 0) {
      git::Reference ref(ref_raw);
      const char* name = nullptr;
      if (git_branch_name(&name, ref.get()) != 0 || !name) continue;
      BranchInfo b;
      b.name = name;
      b.upstream_remote = config_string(cfg.get(), "branch." + b.name + ".remote");
      if (auto merge = config_string(cfg.get(), "branch." + b.name + ".merge"))
        b.upstream_branch = strip_prefix(*merge, "refs/heads/");
      if (b.upstream_remote && b.upstream_branch && *b.upstream_remote != ".") {
        git_oid upstream{};
        b.upstream_exists =
            ref_exists(repo, "refs/remotes/" + *b.upstream_remote + "/" + *b.upstream_branch, &upstream);
        const git_oid* local = git_reference_target(ref.get());
        if (b.upstream_exists && local)
          git_graph_ahead_behind(&b.ahead, &b.behind, repo, local, &upstream);
      }
      snap.branches.push_back(std::move(b));
    }
  }
  std::sort(snap.branches.begin(), snap.branches.end(),
            [](const BranchInfo& a, const BranchInfo& b) { return a.name < b.name; });

  // Commits on HEAD that no remote-tracking branch contains.
  {
    git::StrArray refs;
    if (git_reference_list(&refs.value, repo) == 0)
      for (std::size_t i = 0; i < refs.value.count; ++i)
        if (std::strncmp(refs.value.strings[i], "refs/remotes/", 13) == 0) snap.has_remote_tracking_refs = true;
  }
  if (!snap.unborn) {
    git_revwalk* walk_raw = nullptr;
    if (git_revwalk_new(&walk_raw, repo) == 0) {
      git::Revwalk walk(walk_raw);
      if (git_revwalk_push_head(walk.get()) == 0) {
        if (snap.has_remote_tracking_refs) git_revwalk_hide_glob(walk.get(), "refs/remotes/*");
        git_oid id{};
        while (git_revwalk_next(&id, walk.get()) == 0) ++snap.unpushed;
      }
    }
  }

  // Where a plain `git push` goes (git-config(1): push.default, remote.pushDefault, branch.<name>.pushRemote).
  if (!snap.branch || snap.detached) {
    snap.push.rule = "HEAD is detached: a plain `git push` pushes no branch";
    return;
  }
  const std::string& cur = *snap.branch;
  const auto upstream_remote = config_string(cfg.get(), "branch." + cur + ".remote");
  // The fetch remote: the upstream's, else `origin`, else the only remote (git's remote_get default).
  std::optional<std::string> fetch_remote = upstream_remote;
  if (!fetch_remote) {
    for (const auto& r : snap.remotes)
      if (r.name == "origin") fetch_remote = r.name;
    if (!fetch_remote && snap.remotes.size() == 1) fetch_remote = snap.remotes.front().name;
  }
  auto push_remote = config_string(cfg.get(), "branch." + cur + ".pushRemote");
  if (!push_remote) push_remote = config_string(cfg.get(), "remote.pushDefault");
  if (!push_remote) push_remote = fetch_remote;
  if (!push_remote) {
    snap.push.rule = "no remote is configured";
    return;
  }
  snap.push.remote = push_remote;
  const std::string mode = config_string(cfg.get(), "push.default").value_or("simple");
  const bool triangular = fetch_remote != push_remote;  // pushing elsewhere than where you pull from
  const auto merge = config_string(cfg.get(), "branch." + cur + ".merge");
  const std::optional<std::string> up_branch = merge ? std::optional(strip_prefix(*merge, "refs/heads/")) : std::nullopt;
  const bool auto_setup = config_bool(cfg.get(), "push.autoSetupRemote", false);
  if (mode == "nothing") {
    snap.push.rule = "push.default=nothing: a plain `git push` pushes nothing";
  } else if (mode == "current" || mode == "matching") {
    snap.push.branch = cur;
    snap.push.rule = "push.default=" + mode + ": the branch of the same name";
  } else if (mode == "upstream" || mode == "tracking") {
    if (!triangular && up_branch) {
      snap.push.branch = up_branch;
      snap.push.rule = "push.default=" + mode + ": the upstream `" + *push_remote + "/" + *up_branch + "`";
    } else {
      snap.push.rule = "push.default=" + mode + " and `" + cur + "` has no upstream on `" + *push_remote +
                       "`: git refuses to push";
    }
  } else {  // simple (the default) and anything unknown
    if (triangular) {
      snap.push.branch = cur;
      snap.push.rule = "push.default=simple, pushing to `" + *push_remote + "` (not the upstream remote): the branch of the same name";
    } else if (!up_branch) {
      if (auto_setup) {
        snap.push.branch = cur;
        snap.push.rule = "push.default=simple with push.autoSetupRemote: creates `" + *push_remote + "/" + cur + "`";
      } else {
        snap.push.rule = "push.default=simple and `" + cur +
                         "` has no upstream: git refuses (\"The current branch has no upstream branch\")";
      }
    } else if (*up_branch != cur) {
      snap.push.rule = "push.default=simple and the upstream `" + *push_remote + "/" + *up_branch +
                       "` has another name: git refuses";
    } else {
      snap.push.branch = cur;
      snap.push.rule = "push.default=simple with upstream `" + *push_remote + "/" + cur + "`";
    }
  }
}

}  // namespace

Result<RepoSnapshot> read_repo_snapshot(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return fail(ErrorKind::Io, "`" + dir.string() + "` does not exist");
  if (!fs::is_directory(dir, ec)) return fail(ErrorKind::Io, "`" + dir.string() + "` is not a folder");
  git::Library lib;
  RepoSnapshot snap;
  git_repository* repo_raw = nullptr;
  const fs::path abs = fs::absolute(dir, ec).lexically_normal();
  const int rc = git_repository_open_ext(&repo_raw, abs.c_str(), 0, nullptr);
  if (rc != 0) {
    snap.root = abs;
    if (snap.root.has_filename() == false && snap.root.has_parent_path()) snap.root = snap.root.parent_path();
    if (rc != GIT_ENOTFOUND) snap.notes.push_back("not read as a repository: " + git::last_error());
    read_folder(snap.root, snap);
  } else {
    git::Repository repo(repo_raw);
    const char* workdir = git_repository_workdir(repo.get());
    if (!workdir) return fail(ErrorKind::Input, "`" + dir.string() + "` is a bare repository: doctor needs a work tree");
    snap.is_repository = true;
    snap.root = fs::path(workdir).lexically_normal();
    if (!snap.root.has_filename() && snap.root.has_parent_path()) snap.root = snap.root.parent_path();
    {
      std::error_code ec1, ec2;
      const fs::path rel = fs::weakly_canonical(abs, ec1).lexically_relative(fs::weakly_canonical(snap.root, ec2));
      const std::string r = rel.generic_string();
      if (!ec1 && !ec2 && !r.empty() && r != "." && r.rfind("..", 0) != 0) snap.app_dir = r;
      while (!snap.app_dir.empty() && snap.app_dir.back() == '/') snap.app_dir.pop_back();
    }
    read_files(repo.get(), snap.root, snap);
    read_refs(repo.get(), snap);
  }
  std::sort(snap.files.begin(), snap.files.end(), [](const RepoFile& a, const RepoFile& b) { return a.path < b.path; });
  return snap;
}

}  // namespace pinreqs::analysis
