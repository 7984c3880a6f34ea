#include "pinreqs/cli/app.hpp"

int main(int argc, char** argv) { return pinreqs::cli::run(argc, argv); }
