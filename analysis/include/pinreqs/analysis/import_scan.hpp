#pragma once
// The imports of a Python source file, found by a small lexer (no Python needed): strings (all prefixes,
// triple quotes, f-string replacement fields with nested strings) and comments are skipped, lines are joined
// inside brackets and after a backslash, and only `import`/`from` at the start of a statement count (also
// after `;` and after the `:` of a one-line `try:`/`if ...:`). Relative imports and `__future__` are left out.
#include <string>
#include <string_view>
#include <vector>

namespace pinreqs::analysis {

struct ImportRef {
  std::string module;        // absolute dotted name: `a.b` for `import a.b` and for `from a.b import c`
  int line = 0;              // 1-based line of the `import`/`from` keyword
  bool conditional = false;  // not at module level (inside a function, class, try, if, ...)
  bool guarded = false;      // inside a `try:` or `except` block: the app copes with its absence
};

std::vector<ImportRef> scan_imports(std::string_view source);

// "a.b.c" -> "a".
std::string top_level(std::string_view module);

}  // namespace pinreqs::analysis
