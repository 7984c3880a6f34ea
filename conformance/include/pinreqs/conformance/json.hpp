#pragma once
// A small owned JSON tree for reading test-vector files (loaded with simdjson's DOM in one translation unit).
// Missing keys read as null, so optional fields need no special casing.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pinreqs::conformance {

class Json {
 public:
  enum class Type { Null, Bool, Int, Double, String, Array, Object };

  Json() = default;
  static Json make_bool(bool b);
  static Json make_int(std::int64_t i);
  static Json make_double(double d);
  static Json make_string(std::string s);
  static Json make_array(std::vector<Json> items);
  static Json make_object(std::vector<std::pair<std::string, Json>> members);

  // Throws std::runtime_error with the path and simdjson's message on failure.
  static Json load_file(const std::filesystem::path& path);
  // DIR/FILE of a corpus folder; a missing file is a std::runtime_error saying the folder is not that corpus.
  static Json load_corpus_file(const std::filesystem::path& dir, const char* file, const char* corpus);
  static Json parse(std::string_view text);

  [[nodiscard]] Type type() const noexcept { return type_; }
  [[nodiscard]] bool is_null() const noexcept { return type_ == Type::Null; }
  [[nodiscard]] bool is_bool() const noexcept { return type_ == Type::Bool; }
  [[nodiscard]] bool is_number() const noexcept { return type_ == Type::Int || type_ == Type::Double; }
  [[nodiscard]] bool is_string() const noexcept { return type_ == Type::String; }
  [[nodiscard]] bool is_array() const noexcept { return type_ == Type::Array; }
  [[nodiscard]] bool is_object() const noexcept { return type_ == Type::Object; }

  [[nodiscard]] bool as_bool() const;           // throws on wrong type
  [[nodiscard]] std::int64_t as_int() const;
  [[nodiscard]] double as_double() const;
  [[nodiscard]] const std::string& as_string() const;
  [[nodiscard]] const std::vector<Json>& as_array() const;  // empty for null
  [[nodiscard]] const std::vector<std::pair<std::string, Json>>& members() const;  // empty for null

  [[nodiscard]] bool contains(std::string_view key) const;
  [[nodiscard]] const Json& operator[](std::string_view key) const;  // null Json when absent
  [[nodiscard]] const Json& operator[](std::size_t i) const;
  [[nodiscard]] std::size_t size() const noexcept;

  // Compact JSON text (for failure messages).
  [[nodiscard]] std::string dump() const;

 private:
  Type type_ = Type::Null;
  bool b_ = false;
  std::int64_t i_ = 0;
  double d_ = 0;
  std::string s_;
  std::vector<Json> a_;
  std::vector<std::pair<std::string, Json>> o_;
};

}  // namespace pinreqs::conformance
