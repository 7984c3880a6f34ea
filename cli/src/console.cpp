#include "console.hpp"

#include <unistd.h>

#include <cstdlib>

namespace pinreqs::cli {
namespace {
bool no_color_env() {
  const char* v = std::getenv("NO_COLOR");
  return v != nullptr && *v != '\0';
}
}  // namespace

Console::Console(const CommonOptions& o) : quiet_(o.quiet), verbose_(o.verbose) {
  const bool tty_out = ::isatty(STDOUT_FILENO) != 0;
  const bool tty_err = ::isatty(STDERR_FILENO) != 0;
  switch (o.color) {
    case ColorMode::Always: color_out_ = color_err_ = true; break;
    case ColorMode::Never: color_out_ = color_err_ = false; break;
    case ColorMode::Auto:
      color_out_ = tty_out && !no_color_env();
      color_err_ = tty_err && !no_color_env();
      break;
  }
  progress_ = tty_err && !quiet_;
}

void Console::out(std::string_view text) const {
  clear_progress();
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

static void put_err(std::string_view s) {
  std::fwrite(s.data(), 1, s.size(), stderr);
  std::fputc('\n', stderr);
}

void Console::info(std::string_view line) const {
  if (quiet_) return;
  clear_progress();
  put_err(line);
}
void Console::detail(std::string_view line) const {
  if (verbose_ <= 0) return;
  clear_progress();
  put_err(line);
}
void Console::warn(std::string_view line) const {
  if (quiet_) return;
  clear_progress();
  put_err(paint("1;33", "warning") + ": " + std::string(line));
}
void Console::error(std::string_view line) const {
  clear_progress();
  put_err(paint("1;31", "error") + ": " + std::string(line));
}
void Console::hint(std::string_view line) const {
  if (quiet_) return;
  clear_progress();
  put_err(paint("1;34", "hint") + ": " + std::string(line));
}
void Console::progress(std::string_view line) const {
  if (!progress_) return;
  std::string s = "\r\x1b[2K";
  s += line;
  std::fwrite(s.data(), 1, s.size(), stderr);
  std::fflush(stderr);
  progress_shown_ = true;
}
void Console::clear_progress() const {
  if (!progress_shown_) return;
  std::fputs("\r\x1b[2K", stderr);
  progress_shown_ = false;
}

std::string Console::paint(std::string_view code, std::string_view s) const {
  if (!color_err_) return std::string(s);
  return "\x1b[" + std::string(code) + "m" + std::string(s) + "\x1b[0m";
}
std::string Console::bold(std::string_view s) const { return paint("1", s); }
std::string Console::green(std::string_view s) const { return paint("32", s); }
std::string Console::red(std::string_view s) const { return paint("31", s); }
std::string Console::yellow(std::string_view s) const { return paint("33", s); }
std::string Console::dim(std::string_view s) const { return paint("2", s); }

int report_error(const Console& console, const Error& e) {
  console.error(e.describe());
  if (e.kind == ErrorKind::Offline) console.hint("run once without --offline to fill the cache");
  return e.kind == ErrorKind::Input || e.kind == ErrorKind::NotFound ? 1 : 2;
}

}  // namespace pinreqs::cli
