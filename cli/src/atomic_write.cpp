#include "pinreqs/cli/atomic_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace pinreqs::cli {
namespace {

Error io_error(const std::string& what, const std::filesystem::path& p, int err) {
  return Error(ErrorKind::Io, what + " `" + p.string() + "`: " + std::strerror(err));
}

}  // namespace

Result<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return tl::unexpected(io_error("cannot read", path, errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<void> write_file_atomically(const std::filesystem::path& path, std::string_view content,
                                   const AtomicWriteHooks& hooks) {
  // Resolve a symlink so the link stays a link and its target is replaced.
  std::error_code ec;
  std::filesystem::path target = path;
  if (std::filesystem::is_symlink(path, ec)) {
    target = std::filesystem::canonical(path, ec);
    if (ec) return tl::unexpected(Error(ErrorKind::Io, "cannot resolve symlink `" + path.string() + "`"));
  }
  const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");

  mode_t mode = 0;
  struct stat st {};
  const bool existed = ::stat(target.c_str(), &st) == 0;
  if (existed) {
    mode = st.st_mode & 07777;
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    mode = static_cast<mode_t>(0666 & ~mask);
  }

  std::string tmpl = (dir / ("." + target.filename().string() + ".pinreqs-XXXXXX")).string();
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  const int fd = ::mkstemp(buf.data());
  if (fd < 0) return tl::unexpected(io_error("cannot create a temporary file in", dir, errno));
  const std::filesystem::path temp(buf.data());
  auto cleanup = [&](Error e) -> Result<void> {
    ::close(fd);
    ::unlink(temp.c_str());
    return tl::unexpected(std::move(e));
  };

  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return cleanup(io_error("cannot write", temp, errno));
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, mode) != 0) return cleanup(io_error("cannot set permissions on", temp, errno));
  if (existed) {
    // Keep the group where we are allowed to; failing to is not fatal (as editors do).
    [[maybe_unused]] const int r = ::fchown(fd, static_cast<uid_t>(-1), st.st_gid);
  }
  if (::fsync(fd) != 0) return cleanup(io_error("cannot flush", temp, errno));
  if (hooks.before_rename && !hooks.before_rename(temp))
    return cleanup(Error(ErrorKind::Io, "write of `" + target.string() + "` was interrupted before the rename"));
  if (::close(fd) != 0) {
    ::unlink(temp.c_str());
    return tl::unexpected(io_error("cannot close", temp, errno));
  }
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    return tl::unexpected(io_error("cannot replace", target, err));
  }
  // Make the rename itself durable.
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return {};
}

}  // namespace pinreqs::cli
