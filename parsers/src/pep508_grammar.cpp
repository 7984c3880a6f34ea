// The PEP 508 grammar with PEGTL, written to accept exactly what packaging 26's tokenizer and recursive descent
// parser accept (packaging/_tokenizer.py, _parser.py), and to fail where packaging fails with a message saying
// what was expected. The only translation unit that includes PEGTL for PEP 508.
#include "pep508_grammar.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze.hpp>

#include "pinreqs/parsers/name.hpp"

namespace pinreqs::pep508::detail {
namespace pegtl = tao::pegtl;

namespace {

// Thrown by actions and custom rules; carries an exact span.
struct Failure {
  std::string message;
  Span span;
  std::vector<std::string> hints;
};

bool is_word_byte(unsigned char c) noexcept {
  // Python's `\b` (str patterns): letters, digits, underscore; non-ASCII bytes are taken as word characters.
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}
bool is_ident_byte(unsigned char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-';
}
bool is_alnum_byte(unsigned char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// packaging evaluates the quoted string with ast.literal_eval: Python escapes are decoded, and a string that is
// not a valid Python literal (a raw newline, a trailing backslash, a bad `\x`) is rejected. `\N{...}` is not
// supported (rejected).
std::optional<std::string> decode_python_string(std::string_view body) {
  std::string out;
  out.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == '\n' || c == '\r' || c == '\0') return std::nullopt;
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    if (i + 1 >= body.size()) return std::nullopt;
    char e = body[++i];
    switch (e) {
      case '\n': break;
      case '\r':
        if (i + 1 < body.size() && body[i + 1] == '\n') ++i;
        break;
      case '\\': out.push_back('\\'); break;
      case '\'': out.push_back('\''); break;
      case '"': out.push_back('"'); break;
      case 'a': out.push_back('\a'); break;
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      case 'v': out.push_back('\v'); break;
      case 'x':
      case 'u':
      case 'U': {
        std::size_t n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        std::uint32_t cp = 0;
        for (std::size_t k = 1; k <= n; ++k) {
          if (i + k >= body.size()) return std::nullopt;
          int h = hex_value(body[i + k]);
          if (h < 0) return std::nullopt;
          cp = cp * 16 + static_cast<std::uint32_t>(h);
        }
        if (cp > 0x10FFFF) return std::nullopt;
        i += n;
        append_utf8(out, cp);
        break;
      }
      case 'N': return std::nullopt;
      default:
        if (e >= '0' && e <= '7') {
          std::uint32_t cp = static_cast<std::uint32_t>(e - '0');
          for (int k = 0; k < 2 && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '7'; ++k)
            cp = cp * 8 + static_cast<std::uint32_t>(body[++i] - '0');
          append_utf8(out, cp);
        } else {
          out.push_back('\\');  // unknown escapes stay as written (Python warns, keeps both characters)
          out.push_back(e);
        }
    }
  }
  return out;
}

MarkerOp op_from_text(std::string_view t) noexcept {
  if (t == "===") return MarkerOp::Arbitrary;
  if (t == "==") return MarkerOp::Equal;
  if (t == "!=") return MarkerOp::NotEqual;
  if (t == "<=") return MarkerOp::LessEqual;
  if (t == ">=") return MarkerOp::GreaterEqual;
  if (t == "<") return MarkerOp::Less;
  if (t == ">") return MarkerOp::Greater;
  if (t == "~=") return MarkerOp::Compatible;
  if (t == "in") return MarkerOp::In;
  return MarkerOp::NotIn;  // "not" WS "in"
}

// ------------------------------------------------------------------------------------------------------------
// Grammar
namespace g {
using namespace pegtl;

struct blank_ch : one<' ', '\t'> {};  // packaging's WS token
struct ows : star<blank_ch> {};
struct sp : one<' ', '\t', '\n', '\r', '\f', '\v'> {};  // regex \s (ASCII part)
struct word_ch {
  using rule_t = word_ch;
  using subs_t = empty_list;
  template <typename ParseInput>
  static bool match(ParseInput& in) {
    if (in.empty() || !is_word_byte(static_cast<unsigned char>(in.peek_char()))) return false;
    in.bump(1);
    return true;
  }
};
struct wb : not_at<word_ch> {};  // `\b` after a word character

// IDENTIFIER: \b[a-zA-Z0-9][a-zA-Z0-9._-]*\b, with the regex's backtracking to the last word boundary.
struct identifier {
  using rule_t = identifier;
  using subs_t = empty_list;
  template <typename ParseInput>
  static bool match(ParseInput& in) {
    const char* p = in.current();
    const std::size_t avail = in.size(std::size_t(-1));
    if (avail == 0 || !is_alnum_byte(static_cast<unsigned char>(p[0]))) return false;
    std::size_t q = 1;
    while (q < avail && is_ident_byte(static_cast<unsigned char>(p[q]))) ++q;
    for (std::size_t end = q; end >= 1; --end) {
      const bool before = is_word_byte(static_cast<unsigned char>(p[end - 1]));
      const bool after = end < avail && is_word_byte(static_cast<unsigned char>(p[end]));
      if (before != after) {
        in.bump(end);
        return true;
      }
    }
    return false;
  }
};

// --- version specifiers (packaging's Specifier regex, IGNORECASE) ---
struct digits : plus<digit> {};
struct vsep : one<'-', '_', '.'> {};
struct vstart : seq<star<sp>, opt<one<'v', 'V'>>, opt<digits, one<'!'>>, digits> {};
struct release_star : star<one<'.'>, digits> {};
struct release_plus : plus<one<'.'>, digits> {};
struct pre_kw : sor<istring<'a', 'l', 'p', 'h', 'a'>, istring<'b', 'e', 't', 'a'>,
                    istring<'p', 'r', 'e', 'v', 'i', 'e', 'w'>, istring<'p', 'r', 'e'>, istring<'a'>, istring<'b'>,
                    istring<'c'>, istring<'r', 'c'>> {};
struct pre_seg : seq<opt<vsep>, pre_kw, opt<vsep>, star<digit>> {};
struct post_seg : sor<seq<one<'-'>, digits>,
                      seq<opt<vsep>, sor<istring<'p', 'o', 's', 't'>, istring<'r', 'e', 'v'>, istring<'r'>>,
                          opt<vsep>, star<digit>>> {};
struct dev_seg : seq<opt<vsep>, istring<'d', 'e', 'v'>, opt<vsep>, star<digit>> {};
struct local_seg : seq<one<'+'>, plus<alnum>, star<vsep, plus<alnum>>> {};
struct eq_version
    : seq<vstart, release_star,
          opt<sor<string<'.', '*'>, seq<opt<pre_seg>, opt<post_seg>, opt<dev_seg>, opt<local_seg>>>>> {};
struct compat_version : seq<vstart, release_plus, opt<pre_seg>, opt<post_seg>, opt<dev_seg>> {};
struct other_version : seq<vstart, release_star, opt<pre_seg>, opt<post_seg>, opt<dev_seg>> {};
struct arbitrary_version : seq<star<sp>, star<not_one<' ', '\t', '\n', '\r', '\f', '\v', ';', ')'>>> {};

struct spec_eq_token : sor<seq<string<'=', '=', '='>, arbitrary_version>,
                           seq<sor<string<'=', '='>, string<'!', '='>>, eq_version>> {};
struct spec_other_token : sor<seq<string<'~', '='>, compat_version>,
                              seq<sor<string<'<', '='>, string<'>', '='>, one<'<'>, one<'>'>>, other_version>> {};
struct prefix_trailer : string<'.', '*'> {};
struct local_trailer : seq<one<'+'>, plus<ranges<'a', 'z', '0', '9'>>,
                           star<vsep, plus<ranges<'a', 'z', '0', '9'>>>> {};
// Tags for raise<> (their messages are in the error table).
struct wildcard_with_suffix {};
struct wildcard_needs_eq {};
struct local_needs_eq {};
struct spec_eq_item : seq<spec_eq_token, sor<seq<at<prefix_trailer>, raise<wildcard_with_suffix>>,
                                             seq<at<local_trailer>, raise<local_needs_eq>>, success>> {};
struct spec_other_item : seq<spec_other_token, sor<seq<at<prefix_trailer>, raise<wildcard_needs_eq>>,
                                                   seq<at<local_trailer>, raise<local_needs_eq>>, success>> {};
struct spec_item : sor<spec_eq_item, spec_other_item> {};
struct spec_comma : one<','> {};
struct spec_token : sor<spec_eq_token, spec_other_token> {};
struct version_many : opt<spec_item, star<ows, spec_comma, ows, spec_item>, opt<ows, spec_comma>> {};
struct spec_lparen : one<'('> {};
struct spec_rparen : one<')'> {};
struct paren_specifier : seq<spec_lparen, ows, version_many, ows, spec_rparen> {};
struct specifier : sor<paren_specifier, version_many> {};

// --- markers ---
template <typename S>
struct kw : seq<S, wb> {};
struct variable
    : sor<kw<TAO_PEGTL_STRING("python_version")>, kw<TAO_PEGTL_STRING("python_full_version")>,
          kw<TAO_PEGTL_STRING("os_name")>, kw<TAO_PEGTL_STRING("os.name")>, kw<TAO_PEGTL_STRING("sys_platform")>,
          kw<TAO_PEGTL_STRING("sys.platform")>, kw<TAO_PEGTL_STRING("platform_release")>,
          kw<TAO_PEGTL_STRING("platform_system")>, kw<TAO_PEGTL_STRING("platform_version")>,
          kw<TAO_PEGTL_STRING("platform.version")>, kw<TAO_PEGTL_STRING("platform_machine")>,
          kw<TAO_PEGTL_STRING("platform.machine")>, kw<TAO_PEGTL_STRING("platform_python_implementation")>,
          kw<TAO_PEGTL_STRING("platform.python_implementation")>, kw<TAO_PEGTL_STRING("python_implementation")>,
          kw<TAO_PEGTL_STRING("implementation_name")>, kw<TAO_PEGTL_STRING("implementation_version")>,
          kw<TAO_PEGTL_STRING("extras")>, kw<TAO_PEGTL_STRING("extra")>,
          kw<TAO_PEGTL_STRING("dependency_groups")>> {};
struct quoted_string : sor<seq<one<'\''>, star<not_one<'\''>>, one<'\''>>, seq<one<'"'>, star<not_one<'"'>>, one<'"'>>> {};
struct marker_var : sor<variable, quoted_string> {};
struct marker_lhs : marker_var {};
struct marker_rhs : marker_var {};
struct in_kw : seq<string<'i', 'n'>, wb> {};
struct not_kw : seq<string<'n', 'o', 't'>, wb> {};
struct ws_after_not : plus<blank_ch> {};
struct in_after_not : in_kw {};
struct cmp_op : sor<string<'=', '=', '='>, string<'=', '='>, string<'~', '='>, string<'!', '='>, string<'<', '='>,
                    string<'>', '='>, one<'<'>, one<'>'>> {};
struct marker_op : sor<in_kw, seq<not_kw, ws_after_not, in_after_not>, cmp_op> {};
struct marker_item : seq<marker_lhs, ows, marker_op, ows, marker_rhs, ows> {};
struct marker_expr;
struct marker_lparen : one<'('> {};
struct marker_rparen : one<')'> {};
struct marker_group : seq<marker_lparen, ows, marker_expr, ows, marker_rparen> {};
struct marker_atom : seq<ows, sor<marker_group, marker_item>, ows> {};
struct boolop : sor<seq<string<'o', 'r'>, wb>, seq<string<'a', 'n', 'd'>, wb>> {};
struct marker_expr : seq<marker_atom, star<boolop, marker_atom>> {};
struct marker_end : eof {};
struct marker_full : seq<marker_expr, marker_end> {};

// --- requirements ---
struct req_name : identifier {};
struct extra_first : identifier {};
struct extra_after_comma : identifier {};
struct extras_missing_comma {};
struct extras_rbracket : one<']'> {};
struct extras_list
    : opt<extra_first,
          star<ows, sor<seq<at<identifier>, raise<extras_missing_comma>>, seq<one<','>, ows, extra_after_comma>>>> {};
struct extras : seq<one<'['>, ows, extras_list, ows, extras_rbracket> {};

// Fails with the message that fits what came before (custom rule with access to the state).
struct semicolon_missing {
  using rule_t = semicolon_missing;
  using subs_t = empty_list;
  template <apply_mode, rewind_mode, template <typename...> class, template <typename...> class, typename ParseInput,
            typename St>
  static bool match(ParseInput& in, St& st);
};
struct req_semicolon : sor<one<';'>, semicolon_missing> {};
struct req_marker : seq<marker_expr> {};
struct url_text : plus<not_one<' ', '\t'>> {};
struct url_part : seq<url_text> {};
struct url_details : seq<one<'@'>, ows, url_part,
                         sor<eof, seq<plus<blank_ch>, sor<eof, seq<req_semicolon, req_marker, ows>>>>> {};
struct spec_details : seq<specifier, ows, sor<eof, seq<req_semicolon, req_marker, ows>>> {};
struct req_end : eof {};
struct requirement : seq<ows, req_name, ows, opt<extras>, ows, sor<url_details, spec_details>, req_end> {};

}  // namespace g

// ------------------------------------------------------------------------------------------------------------
// Error messages (must_if: a rule with a message raises when it fails)
template <typename>
inline constexpr const char* error_message = nullptr;
template <>
inline constexpr auto error_message<g::req_name> = "expected package name at the start of dependency specifier";
template <>
inline constexpr auto error_message<g::extra_after_comma> = "expected extra name after comma";
template <>
inline constexpr auto error_message<g::extras_missing_comma> = "expected comma between extra names";
template <>
inline constexpr auto error_message<g::extras_rbracket> = "expected matching `]` for `[`, after extras";
template <>
inline constexpr auto error_message<g::url_part> = "expected URL after `@`";
template <>
inline constexpr auto error_message<g::spec_rparen> = "expected matching `)` for `(`, after version specifier";
template <>
inline constexpr auto error_message<g::wildcard_with_suffix> =
    "`.*` suffix cannot be used with pre-release, post-release, dev or local versions";
template <>
inline constexpr auto error_message<g::wildcard_needs_eq> = "`.*` suffix can only be used with `==` or `!=` operators";
template <>
inline constexpr auto error_message<g::local_needs_eq> =
    "local version label can only be used with `==` or `!=` operators";
template <>
inline constexpr auto error_message<g::req_end> = "expected end of dependency specifier";
template <>
inline constexpr auto error_message<g::marker_lhs> = "expected a marker variable or quoted string";
template <>
inline constexpr auto error_message<g::marker_rhs> = "expected a marker variable or quoted string";
template <>
inline constexpr auto error_message<g::marker_op> =
    "expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in";
template <>
inline constexpr auto error_message<g::ws_after_not> = "expected whitespace after `not`";
template <>
inline constexpr auto error_message<g::in_after_not> = "expected `in` after `not`";
template <>
inline constexpr auto error_message<g::marker_rparen> = "expected matching `)` for `(`, after marker expression";
template <>
inline constexpr auto error_message<g::marker_end> = "expected end of marker expression";

struct error_table {
  template <typename Rule>
  static constexpr auto message = error_message<Rule>;
};
template <typename Rule>
using control = pegtl::must_if<error_table, pegtl::normal, false>::control<Rule>;

// ------------------------------------------------------------------------------------------------------------
// State and actions
struct State {
  std::string_view text;
  RawRequirement req;
  bool in_requirement = false;
  bool after_url = false;
  std::vector<std::shared_ptr<MarkerNode>> stack;
  Comparison pending;
  std::size_t spec_items = 0;
  std::size_t spec_begin = 0;
};

std::size_t offset_of(const State& st, const char* p) { return static_cast<std::size_t>(p - st.text.data()); }

template <typename In>
Span span_of(const State& st, const In& in) {
  std::size_t b = offset_of(st, in.begin());
  return Span{b, b + in.size()};
}

Operand make_operand(std::string_view tok, Span where) {
  Operand o;
  if (tok.front() == '\'' || tok.front() == '"') {
    auto decoded = decode_python_string(tok.substr(1, tok.size() - 2));
    if (!decoded)
      throw Failure{"invalid quoted string", where,
                    {"marker values are Python string literals; write a backslash as `\\\\`"}};
    o.text = std::move(*decoded);
    return o;
  }
  o.is_variable = true;
  o.variable = *marker_variable_from_name(tok);
  o.text = pinreqs::pep508::to_string(o.variable);
  return o;
}

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

template <>
struct action<g::marker_lhs> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.pending = Comparison{};
    st.pending.lhs = make_operand(in.string_view(), span_of(st, in));
  }
};
template <>
struct action<g::marker_rhs> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.pending.rhs = make_operand(in.string_view(), span_of(st, in));
  }
};
template <>
struct action<g::marker_op> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.pending.op = op_from_text(in.string_view());
  }
};
template <>
struct action<g::marker_item> {
  template <typename In>
  static void apply(const In&, State& st) {
    MarkerNode::Item item;
    item.cmp = std::move(st.pending);
    st.stack.back()->items.push_back(std::move(item));
  }
};
template <>
struct action<g::boolop> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.stack.back()->is_or.push_back(in.string_view() == "or");
  }
};
template <>
struct action<g::marker_lparen> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.stack.push_back(std::make_shared<MarkerNode>());
  }
};
template <>
struct action<g::marker_group> {
  template <typename In>
  static void apply(const In&, State& st) {
    std::shared_ptr<MarkerNode> inner = std::move(st.stack.back());
    st.stack.pop_back();
    MarkerNode::Item item;
    item.group = std::move(inner);
    st.stack.back()->items.push_back(std::move(item));
  }
};

template <>
struct action<g::req_name> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.req.name = span_of(st, in);
    st.req.specifier = Span{st.req.name.end, st.req.name.end};
    st.req.specifier_inner = st.req.specifier;
  }
};
template <>
struct action<g::extra_first> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.req.extras.push_back(RawExtra{in.string(), span_of(st, in)});
  }
};
template <>
struct action<g::extra_after_comma> : action<g::extra_first> {};
template <>
struct action<g::extras> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.req.extras_bracket = span_of(st, in);
    st.req.specifier = Span{st.req.extras_bracket->end, st.req.extras_bracket->end};
    st.req.specifier_inner = st.req.specifier;
  }
};
template <>
struct action<g::spec_eq_token> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.req.specifier_text.append(in.string_view());
    ++st.spec_items;
  }
};
template <>
struct action<g::spec_other_token> : action<g::spec_eq_token> {};
template <>
struct action<g::spec_comma> {
  template <typename In>
  static void apply(const In&, State& st) {
    st.req.specifier_text.push_back(',');
  }
};
template <>
struct action<g::version_many> {
  template <typename In>
  static void apply(const In& in, State& st) {
    if (in.size() == 0) return;
    st.req.specifier_inner = span_of(st, in);
    st.req.has_specifier = true;
  }
};
template <>
struct action<g::specifier> {
  template <typename In>
  static void apply(const In& in, State& st) {
    if (in.size() == 0) {
      st.req.specifier_inner = st.req.specifier;
      return;
    }
    st.req.specifier = span_of(st, in);
    st.req.parenthesized = in.peek_char() == '(';
    if (st.req.parenthesized && !st.req.has_specifier) {
      // "()" : an empty specifier written with parentheses.
      std::size_t mid = st.req.specifier.begin + 1;
      st.req.specifier_inner = Span{mid, mid};
    }
    st.req.has_specifier = st.req.has_specifier || st.req.parenthesized;
  }
};
template <>
struct action<g::url_part> {
  template <typename In>
  static void apply(const In& in, State& st) {
    st.req.url = span_of(st, in);
    st.after_url = true;
  }
};
template <>
struct action<g::req_marker> {
  template <typename In>
  static void apply(const In& in, State& st) {
    Span s = span_of(st, in);
    while (s.begin < s.end && (st.text[s.begin] == ' ' || st.text[s.begin] == '\t')) ++s.begin;
    while (s.end > s.begin && (st.text[s.end - 1] == ' ' || st.text[s.end - 1] == '\t')) --s.end;
    st.req.marker = s;
  }
};

bool starts_with_operator(std::string_view s, std::string& op) {
  for (const char* cand : {"===", "==", "~=", "!=", "<=", ">=", "<", ">"}) {
    std::string_view c(cand);
    if (s.substr(0, c.size()) == c) {
      op = std::string(c);
      return true;
    }
  }
  return false;
}

}  // namespace

template <pegtl::apply_mode, pegtl::rewind_mode, template <typename...> class, template <typename...> class,
          typename ParseInput, typename St>
bool g::semicolon_missing::match(ParseInput& in, St& st) {
  const std::size_t at = offset_of(st, in.current());
  const std::string_view rest = st.text.substr(at);
  Failure f;
  f.span = Span{at, at + 1};
  if (st.after_url) {
    f.message = "expected semicolon (after URL and whitespace) or end";
    f.hints.push_back("a marker after a URL needs whitespace before `;`, as in `name @ url ; marker`");
    throw f;
  }
  std::string op;
  bool another_clause = false;
  if (starts_with_operator(rest, op)) {
    pegtl::memory_input<> sub(rest.data(), rest.size(), "");
    another_clause = pegtl::parse<g::spec_token>(sub);
    if (!another_clause) {
      f.span = Span{at, at + op.size()};
      f.message = "expected a version after `" + op + "`";
      throw f;
    }
  }
  if (st.spec_items > 0) {
    f.message = "expected comma (within version specifier), semicolon (after version specifier) or end";
    if (another_clause) f.hints.push_back("separate version clauses with `,`, as in `>=1.0,<2`");
  } else {
    f.message = "expected semicolon (after name with no version specifier) or end";
    if (rest.size() > 1 && rest[0] == '=' && rest[1] != '=')
      f.hints.push_back("pin a version with `==`, as in `==" +
                        std::string(rest.substr(1, rest.find_first_of(" \t;", 1) - 1)) + "`");
    else if (!rest.empty() && rest[0] >= '0' && rest[0] <= '9')
      f.hints.push_back("a version needs an operator, e.g. `==" +
                        std::string(rest.substr(0, rest.find_first_of(" \t;"))) + "`");
  }
  throw f;
}

namespace {

template <typename Grammar>
tl::expected<void, GrammarError> run(std::string_view text, State& st) {
  pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.data(), text.size(), "");
  try {
    if (!pegtl::parse<Grammar, action, control>(in, st))
      return tl::unexpected(GrammarError{"unexpected input", Span{0, text.size()}, {}});
  } catch (const Failure& f) {
    return tl::unexpected(GrammarError{f.message, f.span, f.hints});
  } catch (const pegtl::parse_error& e) {
    std::size_t at = e.positions().empty() ? 0 : e.positions().front().byte;
    at = std::min(at, text.size());
    GrammarError err{std::string(e.message()), Span{at, std::min(at + 1, text.size())}, {}};
    if (err.message == error_message<g::marker_rhs> && at < text.size() &&
        (is_alnum_byte(static_cast<unsigned char>(text[at])))) {
      // `python_version >= 3.8` or a misspelled variable.
      std::size_t end = at;
      while (end < text.size() && (is_ident_byte(static_cast<unsigned char>(text[end])))) ++end;
      err.span = Span{at, end};
      err.hints.push_back("marker values are quoted, as in `\"" + std::string(text.substr(at, end - at)) +
                          "\"`; variables are python_version, sys_platform, platform_machine, extra, ...");
    }
    return tl::unexpected(std::move(err));
  }
  return {};
}

bool is_name_variable(MarkerVariable v) noexcept {
  return v == MarkerVariable::Extra || v == MarkerVariable::Extras || v == MarkerVariable::DependencyGroups;
}

void normalize_tree(MarkerNode& node) {
  for (auto& item : node.items) {
    if (item.group) {
      auto copy = std::make_shared<MarkerNode>(*item.group);
      normalize_tree(*copy);
      item.group = std::move(copy);
      continue;
    }
    Comparison& c = item.cmp;
    // PEP 685: `extra == "Foo_Bar"` is stored as `extra == "foo-bar"`, and likewise values compared with
    // `extras` / `dependency_groups` (only against a quoted value).
    if (c.lhs.is_variable && is_name_variable(c.lhs.variable) && !c.rhs.is_variable)
      c.rhs.text = canonicalize_name(c.rhs.text);
    else if (c.rhs.is_variable && is_name_variable(c.rhs.variable) && !c.lhs.is_variable)
      c.lhs.text = canonicalize_name(c.lhs.text);
    if (c.lhs.is_variable && is_version_variable(c.lhs.variable) && c.op != MarkerOp::In &&
        c.op != MarkerOp::NotIn) {
      auto spec = pep440::Specifier::parse(std::string(to_string(c.op)) + c.rhs.text);
      if (spec) c.lhs_spec = std::move(*spec);
    }
  }
}

}  // namespace

const char* to_string(MarkerOp op) noexcept {
  switch (op) {
    case MarkerOp::Equal: return "==";
    case MarkerOp::NotEqual: return "!=";
    case MarkerOp::LessEqual: return "<=";
    case MarkerOp::GreaterEqual: return ">=";
    case MarkerOp::Less: return "<";
    case MarkerOp::Greater: return ">";
    case MarkerOp::Compatible: return "~=";
    case MarkerOp::Arbitrary: return "===";
    case MarkerOp::In: return "in";
    case MarkerOp::NotIn: return "not in";
  }
  return "==";
}

std::shared_ptr<MarkerNode> finish_marker_tree(std::shared_ptr<MarkerNode> root) {
  normalize_tree(*root);
  return root;
}

tl::expected<std::shared_ptr<const MarkerNode>, GrammarError> parse_marker_tree(std::string_view text) {
  State st;
  st.text = text;
  st.stack.push_back(std::make_shared<MarkerNode>());
  auto ok = run<g::marker_full>(text, st);
  if (!ok) return tl::unexpected(std::move(ok.error()));
  return std::shared_ptr<const MarkerNode>(finish_marker_tree(std::move(st.stack.front())));
}

}  // namespace pinreqs::pep508::detail

// Analysis traits of the custom rules: each consumes input when it succeeds.
namespace tao::pegtl {
template <typename Name>
struct analyze_traits<Name, pinreqs::pep508::detail::g::identifier> : analyze_any_traits<> {};
template <typename Name>
struct analyze_traits<Name, pinreqs::pep508::detail::g::word_ch> : analyze_any_traits<> {};
template <typename Name>
struct analyze_traits<Name, pinreqs::pep508::detail::g::semicolon_missing> : analyze_any_traits<> {};
}  // namespace tao::pegtl

namespace pinreqs::pep508::detail {

std::size_t analyze_grammar() {
  return pegtl::analyze<g::requirement>(-1) + pegtl::analyze<g::marker_full>(-1);
}

tl::expected<RawRequirement, GrammarError> parse_requirement_raw(std::string_view text) {
  State st;
  st.text = text;
  st.in_requirement = true;
  st.stack.push_back(std::make_shared<MarkerNode>());
  auto ok = run<g::requirement>(text, st);
  if (!ok) return tl::unexpected(std::move(ok.error()));
  if (st.req.marker) st.req.marker_root = finish_marker_tree(std::move(st.stack.front()));
  std::size_t b = 0, e = text.size();
  while (b < e && (text[b] == ' ' || text[b] == '\t')) ++b;
  while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t')) --e;
  st.req.requirement = Span{b, e};
  return std::move(st.req);
}

}  // namespace pinreqs::pep508::detail
