#pragma once
// Shared helpers of the reqtxt tests.
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace reqtxt_test {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Compares `actual` with a golden file; PINREQS_UPDATE_GOLDEN=1 rewrites the golden file instead.
inline void expect_golden(const std::string& golden_path, const std::string& actual) {
  if (std::getenv("PINREQS_UPDATE_GOLDEN") != nullptr) {
    std::ofstream out(golden_path, std::ios::binary);
    out << actual;
    return;
  }
  const std::string expected = read_file(golden_path);
  EXPECT_EQ(expected, actual) << "golden file " << golden_path
                              << " differs (regenerate with PINREQS_UPDATE_GOLDEN=1 and review the diff)";
}

}  // namespace reqtxt_test
