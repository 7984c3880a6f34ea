// Placeholder until `pinreqs check` lands: it says so and exits 2 (never pretends to pass).
#include "console.hpp"
#include "pinreqs/cli/commands.hpp"

namespace pinreqs::cli {

int run_check(const CheckOptions& o) {
  const Console console(o.common);
  console.error("`pinreqs check` is not implemented in this build yet");
  return 2;
}

}  // namespace pinreqs::cli
