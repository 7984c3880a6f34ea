// Placeholder until this suite's checker lands; it reports itself as not implemented (never as passing).
#include <stdexcept>

#include "pinreqs/conformance/suite.hpp"

namespace pinreqs::conformance {

SuiteResult run_resolvelib(const std::filesystem::path& /*dir*/) {
  throw std::runtime_error("suite part `resolvelib` is not implemented yet");
}

}  // namespace pinreqs::conformance
