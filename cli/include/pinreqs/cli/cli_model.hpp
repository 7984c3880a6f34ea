#pragma once
// A plain description of the command line (commands, options, help text), extracted from the CLI11 definitions
// in app.cpp. The man page and the shell completions are generated from it, so they never drift from --help.
#include <string>
#include <vector>

namespace pinreqs::cli {

struct OptionModel {
  std::vector<std::string> long_names;   // without "--"
  std::vector<std::string> short_names;  // without "-"
  std::string description;
  std::string group;
  bool takes_value = false;
  bool positional = false;
  std::string value_name;                // positional name or "VALUE"
};

struct CommandModel {
  std::string name;         // "" for the top level
  std::string description;
  std::string footer;
  std::vector<OptionModel> options;
  std::vector<CommandModel> subcommands;
};

// The model of pinreqs' command line (built from the same definitions --help uses).
CommandModel command_model();

std::string render_man_page(const CommandModel& model, const std::string& version, const std::string& date);
// shell: "bash", "zsh" or "fish"; "" for an unknown shell.
std::string render_completion(const CommandModel& model, const std::string& shell);

}  // namespace pinreqs::cli
