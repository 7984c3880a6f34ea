#pragma once
// Where text goes: results on stdout, diagnostics and progress on stderr. Colour follows --color, NO_COLOR
// and whether the stream is a terminal; the progress line is shown only on a terminal.
#include <cstdio>
#include <string>
#include <string_view>

#include "pinreqs/cli/options.hpp"
#include "pinreqs/common/error.hpp"

namespace pinreqs::cli {

class Console {
 public:
  explicit Console(const CommonOptions& o);

  [[nodiscard]] bool color_stdout() const noexcept { return color_out_; }
  [[nodiscard]] bool color_stderr() const noexcept { return color_err_; }
  [[nodiscard]] bool quiet() const noexcept { return quiet_; }
  [[nodiscard]] int verbose() const noexcept { return verbose_; }

  void out(std::string_view text) const;              // stdout, as is
  void info(std::string_view line) const;             // stderr unless -q
  void detail(std::string_view line) const;           // stderr with -v
  void warn(std::string_view line) const;             // "warning: ..." on stderr
  void error(std::string_view line) const;            // "error: ..." on stderr (even with -q)
  void hint(std::string_view line) const;             // "hint: ..." on stderr
  // A transient line on a terminal stderr ("\r..."), cleared by clear_progress(); nothing otherwise.
  void progress(std::string_view line) const;
  void clear_progress() const;

  [[nodiscard]] std::string bold(std::string_view s) const;
  [[nodiscard]] std::string green(std::string_view s) const;
  [[nodiscard]] std::string red(std::string_view s) const;
  [[nodiscard]] std::string yellow(std::string_view s) const;
  [[nodiscard]] std::string dim(std::string_view s) const;

 private:
  bool color_out_ = false;
  bool color_err_ = false;
  bool quiet_ = false;
  int verbose_ = 0;
  bool progress_ = false;
  mutable bool progress_shown_ = false;
  [[nodiscard]] std::string paint(std::string_view code, std::string_view s) const;
};

// Prints an error (messages from the index are already redacted) and returns its exit code: 1 for the user's
// input, 2 for network, I/O and internal errors.
int report_error(const Console& console, const Error& e);

}  // namespace pinreqs::cli
