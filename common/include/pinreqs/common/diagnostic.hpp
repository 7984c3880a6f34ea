#pragma once
// Input diagnostics: a span into a source, what was expected, optional hints; rendered as
//   file:line:col: error: message
//    line | source text
//         |      ^^^^
//   hint: ...
#include <string>
#include <string_view>
#include <vector>

#include "pinreqs/common/span.hpp"

namespace pinreqs {

enum class Severity { Error, Warning, Note };

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string file;      // display name of the source ("" when it has none)
  Span span;             // into the source text the diagnostic was made for
  std::string message;   // what is wrong / what was expected, no trailing period
  std::vector<std::string> hints;
};

struct RenderOptions {
  bool color = false;
};

// Renders one diagnostic against the text it points into.
std::string render(const Diagnostic& d, std::string_view source, RenderOptions opts = {});

}  // namespace pinreqs
