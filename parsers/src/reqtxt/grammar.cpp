// The PEGTL grammar of the requirements-file format (the only translation unit that includes PEGTL).
//
// Two levels:
//   file:          optional UTF-8 BOM (skipped by the caller), then physical lines ended by CRLF, LF or a lone CR
//                  (a last line may have no terminator).
//   logical line:  the text after `\` continuations are joined and `${VAR}`s expanded:
//                    ws* requirement-part? ws* option-part? ws* comment?
//                  - the requirement part is whitespace-separated tokens up to the first token starting with `-`
//                    (pip's break_args_options); quoted strings keep marker values with spaces together;
//                  - the option part is split like shlex (quotes and backslash escapes);
//                  - a comment is `#` at the start of the line or after whitespace (pip's COMMENT_RE), wherever
//                    it falls; `#` inside a token (`url#egg=name`) is not a comment.
// Joining continuations (and pip's rule that a comment line ends a continuation) is done over the physical
// lines by the caller, because it decides which bytes form a logical line, not how a line is built.
#include "reqtxt/grammar.hpp"

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze.hpp>

#include "pinreqs/parsers/reqtxt/requirements_file.hpp"

namespace pinreqs::reqtxt::detail {
namespace {

namespace pegtl = tao::pegtl;

namespace file_grammar {
using namespace tao::pegtl;
struct eol_seq : sor<string<'\r', '\n'>, one<'\n'>, one<'\r'>> {};
// The bytes of a physical line up to CR/LF: scanned with a tight loop rather than byte-by-byte rule
// matching, since this runs over every byte of every file (the semantics are star<not_one<'\r', '\n'>>, or
// plus<> when NonEmpty).
template <bool NonEmpty>
struct content_rule {
  using rule_t = content_rule;
  using subs_t = empty_list;
  template <apply_mode, rewind_mode, template <typename...> class, template <typename...> class, typename ParseInput,
            typename... States>
  static bool match(ParseInput& in, States&&...) {
    const char* p = in.current();
    const char* const end = in.end();
    while (p != end && *p != '\n' && *p != '\r') ++p;
    if (NonEmpty && p == in.current()) return false;
    in.bump_in_this_line(static_cast<std::size_t>(p - in.current()));
    return true;
  }
};
using content = content_rule<false>;
using content1 = content_rule<true>;
struct terminated_line : seq<content, eol_seq> {};
struct last_line : seq<content1, eof> {};  // a last line without terminator
struct file : seq<star<sor<terminated_line, last_line>>, eof> {};
}  // namespace file_grammar

struct FileState {
  std::vector<PhysicalLine>* out;
  const char* base;
};

template <typename Rule>
struct file_action : pegtl::nothing<Rule> {};

template <>
struct file_action<file_grammar::terminated_line> {
  template <typename Input>
  static void apply(const Input& in, FileState& st) {
    const auto b = static_cast<std::size_t>(in.begin() - st.base);
    const auto e = static_cast<std::size_t>(in.end() - st.base);
    std::size_t content_end = e - 1;  // LF or lone CR
    if (in.size() >= 2 && in.end()[-1] == '\n' && in.end()[-2] == '\r') content_end = e - 2;
    st.out->push_back(PhysicalLine{b, content_end, e});
  }
};

template <>
struct file_action<file_grammar::last_line> {
  template <typename Input>
  static void apply(const Input& in, FileState& st) {
    const auto b = static_cast<std::size_t>(in.begin() - st.base);
    const auto e = static_cast<std::size_t>(in.end() - st.base);
    st.out->push_back(PhysicalLine{b, e, e});
  }
};

namespace line_grammar {
using namespace tao::pegtl;
struct ws : one<' ', '\t', '\f', '\v'> {};
struct comment : seq<one<'#'>, star<any>> {};

// Requirement part: raw tokens; a quoted string may hold spaces (marker values). No escapes, no errors.
struct rq_dq : seq<one<'"'>, until<sor<one<'"'>, eof>>> {};
struct rq_sq : seq<one<'\''>, until<sor<one<'\''>, eof>>> {};
struct rq_plain : plus<not_one<' ', '\t', '\f', '\v', '"', '\''>> {};
struct rq_char : sor<rq_plain, rq_dq, rq_sq> {};
struct rq_token : seq<not_at<one<'-', '#'>>, plus<rq_char>> {};
struct rq_part : seq<rq_token, star<plus<ws>, rq_token>> {};

// Option part: shlex-style tokens.
struct op_sq : seq<one<'\''>, until<sor<one<'\''>, eof>>> {};
struct op_dq : seq<one<'"'>, until<sor<one<'"'>, eof>, sor<seq<one<'\\'>, any>, any>>> {};
struct op_esc : seq<one<'\\'>, opt<any>> {};
struct op_plain : plus<not_one<' ', '\t', '\f', '\v', '"', '\'', '\\'>> {};
struct op_char : sor<op_plain, op_sq, op_dq, op_esc> {};
struct op_token : seq<not_at<one<'#'>>, plus<op_char>> {};
struct op_part : seq<op_token, star<plus<ws>, op_token>> {};

struct line : seq<star<ws>, opt<rq_part>, star<ws>, opt<op_part>, star<ws>, opt<comment>, eof> {};
}  // namespace line_grammar

struct LineState {
  TokenizedLine* out;
  const char* base;
  bool quote_open = false;
  bool special = false;
};

template <typename Rule>
struct line_action : pegtl::nothing<Rule> {};

template <>
struct line_action<line_grammar::rq_token> {
  template <typename Input>
  static void apply(const Input& in, LineState& st) {
    st.out->tokens.push_back(LineToken{static_cast<std::size_t>(in.begin() - st.base),
                                       static_cast<std::size_t>(in.end() - st.base), false, false, false});
  }
};

template <>
struct line_action<line_grammar::op_sq> {
  template <typename Input>
  static void apply(const Input& in, LineState& st) {
    st.special = true;
    if (in.size() < 2 || in.end()[-1] != '\'') st.quote_open = true;
  }
};

template <>
struct line_action<line_grammar::op_dq> {
  template <typename Input>
  static void apply(const Input& in, LineState& st) {
    st.special = true;
    // Closed when it ends with an unescaped quote: count the backslashes before the final quote.
    bool closed = false;
    if (in.size() >= 2 && in.end()[-1] == '"') {
      std::size_t backslashes = 0;
      const char* p = in.end() - 2;
      while (p > in.begin() && *p == '\\') {
        ++backslashes;
        --p;
      }
      closed = (backslashes % 2) == 0;
    }
    if (!closed) st.quote_open = true;
  }
};

template <>
struct line_action<line_grammar::op_esc> {
  template <typename Input>
  static void apply(const Input& in, LineState& st) {
    st.special = true;
    if (in.size() < 2) st.quote_open = true;  // shlex: "No escaped character"
  }
};

template <>
struct line_action<line_grammar::op_token> {
  template <typename Input>
  static void apply(const Input& in, LineState& st) {
    st.out->tokens.push_back(LineToken{static_cast<std::size_t>(in.begin() - st.base),
                                       static_cast<std::size_t>(in.end() - st.base), true, st.special,
                                       st.quote_open});
    st.special = false;
    st.quote_open = false;
  }
};

template <>
struct line_action<line_grammar::comment> {
  template <typename Input>
  static void apply(const Input& in, LineState& st) {
    st.out->has_comment = true;
    st.out->comment_begin = static_cast<std::size_t>(in.begin() - st.base);
  }
};

}  // namespace
}  // namespace pinreqs::reqtxt::detail

// The hand-written `content` rule may succeed without consuming input (an empty line), like star<>, ...
template <typename Name>
struct tao::pegtl::analyze_traits<Name, pinreqs::reqtxt::detail::file_grammar::content> : analyze_opt_traits<> {};
// ... and `content1` consumes at least one byte when it succeeds, like plus<>.
template <typename Name>
struct tao::pegtl::analyze_traits<Name, pinreqs::reqtxt::detail::file_grammar::content1> : analyze_any_traits<> {};

namespace pinreqs::reqtxt::detail {

void scan_physical_lines(std::string_view text, std::size_t start, std::vector<PhysicalLine>& out) {
  out.clear();
  if (start >= text.size()) return;
  pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.data() + start, text.data() + text.size(), "");
  FileState st{&out, text.data()};
  pegtl::parse<file_grammar::file, file_action>(in, st);
}

void tokenize_line(std::string_view line, TokenizedLine& out) {
  out.tokens.clear();
  out.has_comment = false;
  out.comment_begin = line.size();
  pegtl::memory_input<pegtl::tracking_mode::lazy> in(line.data(), line.data() + line.size(), "");
  LineState st{&out, line.data()};
  if (!pegtl::parse<line_grammar::line, line_action>(in, st)) {
    // Unreachable by construction (every rule above has an empty or catch-all way out); keep the line whole.
    out.tokens.assign(1, LineToken{0, line.size(), false, false, false});
  }
}

}  // namespace pinreqs::reqtxt::detail

namespace pinreqs::reqtxt {

std::size_t analyze_grammar() {
  return tao::pegtl::analyze<detail::file_grammar::file>(0) + tao::pegtl::analyze<detail::line_grammar::line>(0);
}

}  // namespace pinreqs::reqtxt
