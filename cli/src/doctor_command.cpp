// Placeholder until `pinreqs doctor` lands: it says so and exits 2 (never pretends to pass).
#include "console.hpp"
#include "pinreqs/cli/commands.hpp"

namespace pinreqs::cli {

int run_doctor(const DoctorOptions& o) {
  const Console console(o.common);
  console.error("`pinreqs doctor` is not implemented in this build yet");
  return 2;
}

}  // namespace pinreqs::cli
