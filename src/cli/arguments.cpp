#include "arguments.hpp"

#include <iostream>

namespace firebreak::cli {

std::optional<std::string> Arguments::option(const std::string& name) const {
    auto it = options.find(name);
    if (it == options.end()) return std::nullopt;
    return it->second;
}

std::variant<Arguments, std::string> parse_arguments(const std::vector<std::string>& args,
                                                     const std::set<std::string>& with_value) {
    Arguments out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-h" || a == "--help") {
            out.help = true;
        } else if (a.starts_with("--")) {
            std::string name = a.substr(0, a.find('='));
            if (!with_value.contains(name)) return "unknown option " + name;
            if (a.find('=') != std::string::npos) {
                out.options[name] = a.substr(a.find('=') + 1);
            } else if (i + 1 < args.size()) {
                out.options[name] = args[++i];
            } else {
                return name + " needs a value";
            }
        } else {
            out.positional.push_back(a);
        }
    }
    return out;
}

std::variant<Arguments, int> parse_or_exit(const std::vector<std::string>& args,
                                           const std::set<std::string>& with_value,
                                           const char* usage) {
    auto parsed = parse_arguments(args, with_value);
    if (const auto* problem = std::get_if<std::string>(&parsed)) {
        std::cerr << "error: " << *problem << "\n\n" << usage;
        return kExitUsage;
    }
    auto& a = std::get<Arguments>(parsed);
    if (a.help) {
        std::cout << usage;
        return kExitOk;
    }
    return std::move(a);
}

std::variant<Arguments, int> config_arguments(const std::vector<std::string>& args,
                                              const char* usage,
                                              const std::set<std::string>& other_options) {
    std::set<std::string> with_value = other_options;
    with_value.insert("--config");
    auto parsed = parse_or_exit(args, with_value, usage);
    if (const int* code = std::get_if<int>(&parsed)) return *code;
    auto& a = std::get<Arguments>(parsed);
    if (!a.positional.empty()) {
        std::cerr << "error: unexpected argument '" << a.positional.front() << "'\n\n" << usage;
        return kExitUsage;
    }
    auto path = a.option("--config");
    if (!path || path->empty()) {
        std::cerr << "error: --config FILE is required\n\n" << usage;
        return kExitUsage;
    }
    return std::move(a);
}

std::variant<std::string, int> config_path_argument(const std::vector<std::string>& args,
                                                    const char* usage) {
    auto parsed = config_arguments(args, usage);
    if (const int* code = std::get_if<int>(&parsed)) return *code;
    return *std::get<Arguments>(parsed).option("--config");
}

}  // namespace firebreak::cli
