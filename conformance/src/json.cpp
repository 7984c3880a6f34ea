#include "pinreqs/conformance/json.hpp"

#include <simdjson.h>

#include <stdexcept>

namespace pinreqs::conformance {
namespace {

Json convert(simdjson::dom::element e) {
  switch (e.type()) {
    case simdjson::dom::element_type::ARRAY: {
      std::vector<Json> items;
      simdjson::dom::array arr = e.get_array().value_unsafe();
      for (simdjson::dom::element child : arr) items.push_back(convert(child));
      return Json::make_array(std::move(items));
    }
    case simdjson::dom::element_type::OBJECT: {
      std::vector<std::pair<std::string, Json>> members;
      simdjson::dom::object obj = e.get_object().value_unsafe();
      for (simdjson::dom::key_value_pair field : obj)
        members.emplace_back(std::string(field.key), convert(field.value));
      return Json::make_object(std::move(members));
    }
    case simdjson::dom::element_type::INT64: return Json::make_int(e.get_int64().value_unsafe());
    case simdjson::dom::element_type::UINT64:
      return Json::make_double(static_cast<double>(e.get_uint64().value_unsafe()));
    case simdjson::dom::element_type::DOUBLE: return Json::make_double(e.get_double().value_unsafe());
    case simdjson::dom::element_type::STRING: return Json::make_string(std::string(e.get_string().value_unsafe()));
    case simdjson::dom::element_type::BOOL: return Json::make_bool(e.get_bool().value_unsafe());
    case simdjson::dom::element_type::NULL_VALUE: return Json();
  }
  return Json();
}

const Json& null_json() {
  static const Json n;
  return n;
}

void dump_string(std::string& out, const std::string& s) {
  out.push_back('"');
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static const char* hex = "0123456789abcdef";
          out += "\\u00";
          out.push_back(hex[(c >> 4) & 0xf]);
          out.push_back(hex[c & 0xf]);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

void dump_to(std::string& out, const Json& j) {
  switch (j.type()) {
    case Json::Type::Null: out += "null"; break;
    case Json::Type::Bool: out += j.as_bool() ? "true" : "false"; break;
    case Json::Type::Int: out += std::to_string(j.as_int()); break;
    case Json::Type::Double: out += std::to_string(j.as_double()); break;
    case Json::Type::String: dump_string(out, j.as_string()); break;
    case Json::Type::Array: {
      out.push_back('[');
      bool first = true;
      for (const auto& item : j.as_array()) {
        if (!first) out.push_back(',');
        first = false;
        dump_to(out, item);
      }
      out.push_back(']');
      break;
    }
    case Json::Type::Object: {
      out.push_back('{');
      bool first = true;
      for (const auto& [k, v] : j.members()) {
        if (!first) out.push_back(',');
        first = false;
        dump_string(out, k);
        out.push_back(':');
        dump_to(out, v);
      }
      out.push_back('}');
      break;
    }
  }
}

}  // namespace

Json Json::make_bool(bool b) { Json j; j.type_ = Type::Bool; j.b_ = b; return j; }
Json Json::make_int(std::int64_t i) { Json j; j.type_ = Type::Int; j.i_ = i; return j; }
Json Json::make_double(double d) { Json j; j.type_ = Type::Double; j.d_ = d; return j; }
Json Json::make_string(std::string s) { Json j; j.type_ = Type::String; j.s_ = std::move(s); return j; }
Json Json::make_array(std::vector<Json> items) { Json j; j.type_ = Type::Array; j.a_ = std::move(items); return j; }
Json Json::make_object(std::vector<std::pair<std::string, Json>> members) {
  Json j; j.type_ = Type::Object; j.o_ = std::move(members); return j;
}

Json Json::load_file(const std::filesystem::path& path) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  auto err = parser.load(path.string()).get(root);
  if (err) throw std::runtime_error(path.string() + ": " + simdjson::error_message(err));
  return convert(root);
}

Json Json::load_corpus_file(const std::filesystem::path& dir, const char* file, const char* corpus) {
  const auto path = dir / file;
  if (!std::filesystem::exists(path))
    throw std::runtime_error(path.string() + ": missing (not a " + std::string(corpus) + " corpus)");
  return load_file(path);
}

Json Json::parse(std::string_view text) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(text);
  simdjson::dom::element root;
  auto err = parser.parse(padded).get(root);
  if (err) throw std::runtime_error(std::string("invalid JSON: ") + simdjson::error_message(err));
  return convert(root);
}

bool Json::as_bool() const {
  if (type_ != Type::Bool) throw std::runtime_error("JSON value is not a bool: " + dump());
  return b_;
}
std::int64_t Json::as_int() const {
  if (type_ == Type::Int) return i_;
  if (type_ == Type::Double) return static_cast<std::int64_t>(d_);
  throw std::runtime_error("JSON value is not a number: " + dump());
}
double Json::as_double() const {
  if (type_ == Type::Double) return d_;
  if (type_ == Type::Int) return static_cast<double>(i_);
  throw std::runtime_error("JSON value is not a number: " + dump());
}
const std::string& Json::as_string() const {
  if (type_ != Type::String) throw std::runtime_error("JSON value is not a string: " + dump());
  return s_;
}
const std::vector<Json>& Json::as_array() const {
  static const std::vector<Json> empty;
  if (type_ == Type::Null) return empty;
  if (type_ != Type::Array) throw std::runtime_error("JSON value is not an array: " + dump());
  return a_;
}
const std::vector<std::pair<std::string, Json>>& Json::members() const {
  static const std::vector<std::pair<std::string, Json>> empty;
  if (type_ == Type::Null) return empty;
  if (type_ != Type::Object) throw std::runtime_error("JSON value is not an object: " + dump());
  return o_;
}
bool Json::contains(std::string_view key) const {
  if (type_ != Type::Object) return false;
  for (const auto& [k, v] : o_)
    if (k == key) return true;
  return false;
}
const Json& Json::operator[](std::string_view key) const {
  if (type_ != Type::Object) return null_json();
  for (const auto& [k, v] : o_)
    if (k == key) return v;
  return null_json();
}
const Json& Json::operator[](std::size_t i) const {
  if (type_ != Type::Array || i >= a_.size()) return null_json();
  return a_[i];
}
std::size_t Json::size() const noexcept {
  if (type_ == Type::Array) return a_.size();
  if (type_ == Type::Object) return o_.size();
  return 0;
}
std::string Json::dump() const {
  std::string out;
  dump_to(out, *this);
  return out;
}

}  // namespace pinreqs::conformance
