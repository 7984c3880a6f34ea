#pragma once
// Private RAII wrappers for the libgit2 objects the preflight uses (git2.h stays out of public headers).
#include <git2.h>

#include <memory>
#include <string>

namespace pinreqs::analysis::git {

// libgit2's global state, reference-counted by libgit2 itself: one per use site is fine.
class Library {
 public:
  Library() { git_libgit2_init(); }
  ~Library() { git_libgit2_shutdown(); }
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;
};

template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const noexcept {
    if (p) Free(p);
  }
};

template <class T, void (*Free)(T*)>
using Handle = std::unique_ptr<T, Deleter<T, Free>>;

using Repository = Handle<git_repository, git_repository_free>;
using Index = Handle<git_index, git_index_free>;
using Odb = Handle<git_odb, git_odb_free>;
using Blob = Handle<git_blob, git_blob_free>;
using Reference = Handle<git_reference, git_reference_free>;
using Config = Handle<git_config, git_config_free>;
using ConfigIterator = Handle<git_config_iterator, git_config_iterator_free>;
using StatusList = Handle<git_status_list, git_status_list_free>;
using BranchIterator = Handle<git_branch_iterator, git_branch_iterator_free>;
using Revwalk = Handle<git_revwalk, git_revwalk_free>;

struct StrArray {
  git_strarray value{};
  StrArray() = default;
  ~StrArray() { git_strarray_dispose(&value); }
  StrArray(const StrArray&) = delete;
  StrArray& operator=(const StrArray&) = delete;
};

// The message of the last libgit2 error on this thread ("unknown libgit2 error" when none).
inline std::string last_error() {
  const git_error* e = git_error_last();
  return e && e->message ? std::string(e->message) : std::string("unknown libgit2 error");
}

}  // namespace pinreqs::analysis::git
