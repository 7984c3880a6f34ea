#pragma once
// The requirements-file format as pip reads it (`requirements.txt`, `constraints.txt`), with byte spans for
// every part of every entry so the rewriter can change one thing and leave every other byte alone.
//
// Pipeline per file (pip's order): decode (BOM / PEP 263) -> split physical lines (LF, CRLF, CR) -> join `\`
// continuations (a comment line ends a continuation) -> strip comments (`#` at line start or after
// whitespace) -> expand `${UPPER_NAME}` variables -> split the requirement part from the options (first token
// starting with `-`) -> PEP 508 / URL / path requirement, per-line options, global options, includes.
//
// The parser does no network I/O and reads files only through a FileReader, so tests use in-memory files.
// Every problem in a file is reported (the parser recovers at the next logical line).
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pinreqs/common/diagnostic.hpp"
#include "pinreqs/common/error.hpp"
#include "pinreqs/common/span.hpp"
#include "pinreqs/parsers/name.hpp"
#include "pinreqs/parsers/requirement.hpp"
#include "pinreqs/parsers/specifier.hpp"

namespace pinreqs::reqtxt {

// ---------------------------------------------------------------------------------------------- reading files

// What a reader returns for one location (a path or a URL).
struct ReadResult {
  std::string bytes;
};

// Reads included files. `location` is a path (already joined with the including file's directory) or a URL.
// The default reader reads local paths from disk and reports every URL as unsupported (offline).
class FileReader {
 public:
  virtual ~FileReader() = default;
  virtual Result<ReadResult> read(const std::string& location) = 0;
  // Whether a file or directory exists at `location` (pip resolves a relative `--find-links` against the
  // including file's directory only when that path exists). Default: read() succeeds.
  virtual bool exists(const std::string& location) { return read(location).has_value(); }
};

class DiskFileReader final : public FileReader {
 public:
  Result<ReadResult> read(const std::string& location) override;
  bool exists(const std::string& location) override;
};

// Serves files from memory (tests, fuzzing, `http://` fixtures). Keys are locations as the parser forms them:
// lexically normalised relative or absolute paths, or URLs.
class MemoryFileReader final : public FileReader {
 public:
  void add(std::string location, std::string bytes);
  Result<ReadResult> read(const std::string& location) override;
  bool exists(const std::string& location) override;  // a file, or a directory holding one

 private:
  std::vector<std::pair<std::string, std::string>> files_;
};

// ------------------------------------------------------------------------------------------------ the options

// What to do when an include chain comes back to a file already being read.
enum class CyclePolicy {
  Error,  // pip: "<a> recursively references itself in <b>" (default)
  Skip,   // uv: the repeated include is skipped silently
};

// Where pip and uv read the same line differently and neither is clearly wrong.
enum class Dialect {
  Pip,  // `--index-url url` is accepted as written (pip checks it when it fetches); a later `--index-url`
        // replaces an earlier one, whichever file it is in; a `-r` inside a `-c` file yields requirements
        // (default)
  Uv,   // an index URL must be absolute (`scheme://...`) or a path; an included file may not change an
        // `--index-url` set elsewhere; everything below a `-c` is a constraint
};

struct ParseOptions {
  // `${NAME}` lookup (NAME = [A-Z0-9_]+). Default: std::getenv. An unset or empty variable is left as written.
  std::function<std::optional<std::string>(std::string_view)> env;
  // Reader for `-r`/`-c` includes (and for the entry file in parse_requirements_file). Default: disk.
  std::shared_ptr<FileReader> reader;
  CyclePolicy cycles = CyclePolicy::Error;
  Dialect dialect = Dialect::Pip;
  bool as_constraint = false;                 // parse the entry file as if given with `-c`
  bool follow_includes = true;                // false: record `-r`/`-c` lines without reading them
  std::size_t max_line_bytes = 1024 * 1024;   // longer physical lines are an error
};

// ------------------------------------------------------------------------------------------------- the model

// One source file of the parse (the entry file and every include), with its text after decoding.
struct SourceFile {
  std::string location;       // as read through the FileReader
  std::string display_name;   // for diagnostics
  std::string text;           // the bytes the spans point into (UTF-8)
  bool transcoded = false;    // decoded from UTF-16/32 or a PEP 263 encoding: spans are into `text`, not the file
  std::string encoding;       // "utf-8", "utf-16-le", "latin-1", ...
  std::size_t bom_bytes = 0;  // a UTF-8 BOM is kept in `text`; spans skip it
  std::optional<std::size_t> included_by;  // index of the including file
  bool included_as_constraint = false;  // its entries are constraints
};

struct Hash {
  std::string algorithm;  // "sha256"
  std::string digest;     // hex as written
  Span span;              // of `algo:hex` (the option value)
  Span option_span;       // of the whole `--hash=algo:hex` / `--hash algo:hex`
};

enum class UrlKind {
  None,       // a named requirement from an index
  Directory,  // a local directory (no archive extension)
  LocalFile,  // a local archive or wheel
  Archive,    // a remote archive or wheel
  Vcs,        // git+..., hg+..., svn+..., bzr+...
};

// One requirement, editable or constraint line.
struct RequirementEntry {
  std::size_t file = 0;         // index into ParsedRequirements::files
  std::size_t line_number = 1;  // first physical line (1-based)
  std::size_t order = 0;        // position among all requirements, constraints and editables, in reading order
  Span line;                    // the whole logical line, continuations included, without the final newline
  Span requirement;             // the requirement text (without options and comment)
  bool editable = false;        // `-e` / `--editable`
  bool constraint = false;      // from a `-c` file (or ParseOptions::as_constraint)

  // Semantic parts. `named` is false for a bare URL or path (then `name` is empty unless `#egg=` gave one).
  bool named = false;
  PackageName name;
  std::string name_text;                 // as written
  std::vector<std::string> extras;       // as written
  pep440::SpecifierSet specifier;
  std::string url;                       // after `${VAR}` expansion; "" when none
  UrlKind url_kind = UrlKind::None;
  std::string marker_text;               // as written, "" when none
  std::optional<pep508::Marker> marker;
  std::vector<Hash> hashes;
  std::vector<std::string> config_settings;  // `--config-settings` values, "KEY=VALUE"
  std::vector<std::string> global_options;   // `--global-option` values

  // Spans into the file's text (empty = absent; check the optional).
  std::optional<Span> name_span, extras_span, specifier_span, url_span, marker_span, comment_span;
};

// A global option line (everything that is not a requirement, an editable or an include).
struct OptionEntry {
  std::size_t file = 0;
  std::size_t line_number = 1;
  Span line;
  std::string name;           // long form: "--index-url", "--no-binary", ...
  std::string value;          // unquoted and expanded; "" for flags
  Span option_span;           // the option token(s) including the value
  std::optional<Span> value_span;
};

// `-r file` / `-c file`.
struct IncludeEntry {
  std::size_t file = 0;
  std::size_t line_number = 1;
  Span line;
  bool constraint = false;
  std::string target;                  // as written (expanded)
  Span target_span;
  std::optional<std::size_t> included; // index of the file it read, when read
};

// pip's FormatControl for --no-binary / --only-binary: a set that may hold ":all:".
struct FormatControl {
  bool no_binary_given = false, only_binary_given = false;
  std::vector<std::string> no_binary;    // canonical names and/or ":all:"
  std::vector<std::string> only_binary;
};

// Global options, accumulated across the entry file and its includes in reading order.
struct IndexOptions {
  std::optional<std::string> index_url;      // the last `-i`/`--index-url`
  std::vector<std::string> extra_index_urls;
  std::vector<std::string> find_links;           // as written (expanded)
  std::vector<std::string> find_links_resolved;  // pip: a relative path joined with the including file's
                                                 // directory when that path exists, else as written
  bool no_index = false;
  std::vector<std::string> trusted_hosts;
  FormatControl format;
  bool pre = false;
  bool prefer_binary = false;
  bool require_hashes = false;
  std::vector<std::string> use_features;
  std::vector<std::string> all_releases;     // `--all-releases` values (`--pre` adds ":all:")
  std::vector<std::string> only_final;

  // pip's effective index list, starting from `defaults`: `--index-url` replaces, `--extra-index-url`
  // appends, `--no-index` empties the list and makes later index options ineffective.
  std::vector<std::string> effective_index_urls;
};

// Why a diagnostic was raised (so callers can branch without matching text).
enum class ProblemKind {
  InvalidEncoding,          // invalid UTF-8, unknown PEP 263 encoding, undecodable bytes
  NulByte,
  LineTooLong,
  UnterminatedContinuation, // `\` on the last line
  UnterminatedQuote,
  UnknownOption,
  MissingOptionValue,
  InvalidOptionValue,       // e.g. `--hash=nohex`, `--no-binary -x`, a bad URL
  OptionNotAllowedHere,     // a per-requirement option on an option line
  InvalidRequirement,       // PEP 508 (name, extras, specifier, marker, url)
  InvalidPath,              // `./pkg# comment`
  LooksLikeRequirementsFile,
  IncludeNotFound,
  IncludeUnsupported,       // a URL include with the offline reader
  IncludeCycle,
};

struct Problem {
  ProblemKind kind = ProblemKind::InvalidRequirement;
  std::size_t file = 0;   // index into ParsedRequirements::files (the file the span points into)
  Diagnostic diagnostic;  // diagnostic.file is the display name
};

struct ParsedRequirements {
  std::vector<SourceFile> files;              // [0] is the entry file
  std::vector<RequirementEntry> requirements; // in reading order; includes are expanded in place
  std::vector<RequirementEntry> constraints;
  std::vector<RequirementEntry> editables;
  std::vector<OptionEntry> options;
  std::vector<IncludeEntry> includes;
  IndexOptions index;
  std::vector<Problem> problems;

  [[nodiscard]] bool ok() const noexcept;     // no problem of severity Error
  // All problems rendered against their files, in order.
  [[nodiscard]] std::string render_problems(RenderOptions opts = {}) const;
};

// Parses `text` as the entry file named `display_name` (its location for relative includes).
ParsedRequirements parse_requirements_text(std::string_view text, std::string display_name,
                                           const ParseOptions& options = {});
// Reads `location` through options.reader (disk by default) and parses it. A missing entry file is a Problem.
ParsedRequirements parse_requirements_file(const std::string& location, const ParseOptions& options = {});

// ----------------------------------------------------------------------------- the line pipeline, exposed

// One logical line after joining continuations and stripping its comment (pip's preprocess()).
struct LogicalLine {
  std::size_t line_number = 1;  // of its first physical line
  std::string text;             // joined, comment removed, trimmed
};

// pip's preprocess: join continuations, drop comments and blank lines (no env expansion).
std::vector<LogicalLine> preprocess(std::string_view text);
// pip's join_lines over given physical lines (a trailing `\` on the last line is dropped).
std::vector<LogicalLine> join_lines(const std::vector<LogicalLine>& physical);
// pip's ignore_comments over given lines.
std::vector<LogicalLine> ignore_comments(const std::vector<LogicalLine>& lines);
// pip's break_args_options: (requirement part, options part).
std::pair<std::string, std::string> break_args_options(std::string_view line);
// `${NAME}` expansion as pip does it.
std::string expand_env_vars(std::string_view text,
                            const std::function<std::optional<std::string>(std::string_view)>& env);
// 1-based line and column of a byte offset, columns counting Unicode code points (uv's convention).
LineCol line_col_codepoints(std::string_view text, std::size_t offset) noexcept;

// PEGTL's analyze<> over the file and line grammars: the number of rules that could loop without consuming
// input (0 for a sound grammar; checked by a test).
std::size_t analyze_grammar();

}  // namespace pinreqs::reqtxt
