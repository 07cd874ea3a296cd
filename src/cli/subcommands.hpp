#pragma once
// One function per `firebreak` subcommand; each returns the process exit code.

#include <string>
#include <vector>

namespace firebreak::cli {

int serve(const std::vector<std::string>& args);
int console(const std::vector<std::string>& args);
int migrate(const std::vector<std::string>& args);
int check_config(const std::vector<std::string>& args);
int stats(const std::vector<std::string>& args);
int export_record(const std::vector<std::string>& args);  ///< `export` is a keyword
int teams_package(const std::vector<std::string>& args);

}  // namespace firebreak::cli
