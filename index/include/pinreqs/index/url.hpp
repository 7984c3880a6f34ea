#pragma once
// URL helpers for index URLs. Index URLs may carry credentials (https://user:token@host/simple): every message
// and log line that shows a URL must go through redact_url().
#include <string>
#include <string_view>

namespace pinreqs::index {

// "https://user:secret@host/x" -> "https://****@host/x" (the user name is hidden too: tokens are often put there).
// Also hides the values of query parameters that look like secrets (token, key, password, sig...).
std::string redact_url(std::string_view url);

// Resolves `ref` (absolute, scheme-relative, root-relative or relative) against `base`; the fragment is kept.
std::string join_url(std::string_view base, std::string_view ref);

// Drops a trailing "/" (several), for building "<base>/<name>/json".
std::string_view trim_trailing_slashes(std::string_view url);

// "%41" -> "A"; invalid escapes are kept as they are.
std::string percent_decode(std::string_view s);

}  // namespace pinreqs::index
