#pragma once
// Everything the preflight needs to know about a repository, read once with libgit2 (never by running `git`):
// the files a push carries (index entries, with blob sizes and LFS pointers), untracked files a `git add .`
// would add, the checked-out branch, remotes and their default branches, local branches and their upstreams,
// and where a plain `git push` would go. A folder that is not a repository gets the file list from disk.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pinreqs/common/error.hpp"

namespace pinreqs::analysis {

// A Git LFS pointer file (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md).
struct LfsPointer {
  std::string oid;         // "sha256:<64 hex>"
  std::uint64_t size = 0;  // bytes of the real content
};
// Parses pointer text: `version https://git-lfs.github.com/spec/v1` first, then `oid sha256:<hex>` and
// `size <N>` lines (other keys allowed). Pointers are small (< 1024 bytes); nullopt for anything else.
std::optional<LfsPointer> parse_lfs_pointer(std::string_view text);

struct RepoFile {
  std::string path;              // relative to the root, '/' separators
  std::uint64_t size = 0;        // what a push carries: the blob size when tracked, else the file size on disk
  bool tracked = false;          // in the index (staged or committed)
  bool on_disk = true;           // present in the work tree
  std::uint64_t disk_size = 0;   // the work-tree file's size (0 when absent)
  bool lfs_filter = false;       // .gitattributes says filter=lfs for this path
  std::optional<LfsPointer> lfs_pointer;  // the tracked content (or, outside a repository, the file) is a pointer
};

struct RemoteInfo {
  std::string name;
  std::string url;
  std::optional<std::string> default_branch;  // from refs/remotes/<name>/HEAD ("main")
};

struct BranchInfo {
  std::string name;
  std::optional<std::string> upstream_remote;  // branch.<name>.remote
  std::optional<std::string> upstream_branch;  // branch.<name>.merge without refs/heads/
  bool upstream_exists = false;                // refs/remotes/<remote>/<branch> exists locally
  std::size_t ahead = 0, behind = 0;           // against the upstream, when it exists
};

// Where a plain `git push` (no arguments) sends the current branch, following push.default,
// branch.<b>.pushRemote, remote.pushDefault, branch.<b>.remote and push.autoSetupRemote.
struct PushTarget {
  std::optional<std::string> remote;
  std::optional<std::string> branch;  // nullopt when git would refuse or push nothing
  std::string rule;                   // why, e.g. "push.default=simple with upstream `origin/master`"
};

struct RepoSnapshot {
  std::filesystem::path root;  // the work tree root (or the folder itself)
  std::string app_dir;         // the folder asked about, relative to root ('/' separators); "" = the root
  bool is_repository = false;
  std::vector<RepoFile> files;  // sorted by path; tracked files plus untracked files that are not ignored

  std::optional<std::string> branch;  // the checked-out branch (also when it has no commit yet)
  bool detached = false;
  bool unborn = false;                // no commit yet
  std::size_t unpushed = 0;           // commits reachable from HEAD but from no remote-tracking branch
  bool has_remote_tracking_refs = false;
  std::vector<RemoteInfo> remotes;
  std::vector<BranchInfo> branches;
  PushTarget push;

  std::vector<std::string> notes;  // what could not be read (an unreadable blob, an attribute lookup error)
};

// Opens the repository that contains `dir` (searching upward like git), or lists `dir` from disk when it is
// not inside a repository (skipping .git, virtual environments and caches). Errors: Io when `dir` does not
// exist or is not a folder; Input for a bare repository.
Result<RepoSnapshot> read_repo_snapshot(const std::filesystem::path& dir);

}  // namespace pinreqs::analysis
