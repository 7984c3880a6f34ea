#pragma once
// Internal: requirement checks shared by packaging_pep508.cpp (requirements.json) and packaging_real_world.cpp
// (real_world.json `requirements`), so the logic is written once.
#include <string>

#include "pinreqs/conformance/json.hpp"
#include "pinreqs/conformance/suite.hpp"

namespace pinreqs::conformance {

// A valid case: name, canonical_name, extras, specifier, url, marker and normalized must all match, and the
// printed form must parse back to itself.
void check_requirement_fields(ListResult& out, const Json& c);
// An invalid case: must be rejected with a message.
void check_requirement_invalid(ListResult& out, const std::string& input);

}  // namespace pinreqs::conformance
