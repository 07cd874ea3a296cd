#pragma once
// A strict reader of the Prometheus text format 0.0.4, for tests: every line must be a
// HELP or TYPE comment or a well-formed sample of a declared family, and histograms must
// add up. `errors` lists every violation with its line number.

#include <cmath>
#include <cstdlib>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace firebreak::testing {

struct PromSample {
    std::string name;
    std::map<std::string, std::string> labels;
    double value = 0;
};

struct PromExposition {
    std::map<std::string, std::string> types;  ///< family name → counter, gauge, …
    std::vector<PromSample> samples;
    std::vector<std::string> errors;

    /// The value of the sample with exactly these labels; NaN when there is none.
    double value(const std::string& name,
                 const std::map<std::string, std::string>& labels = {}) const {
        for (const auto& s : samples)
            if (s.name == name && s.labels == labels) return s.value;
        return std::nan("");
    }
};

namespace detail {

inline bool parse_prom_value(const std::string& text, double& out) {
    static const std::map<std::string, double> special{
        {"+Inf", INFINITY}, {"Inf", INFINITY}, {"-Inf", -INFINITY}, {"NaN", NAN}};
    if (auto it = special.find(text); it != special.end()) {
        out = it->second;
        return true;
    }
    static const std::regex number(R"([-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?)");
    if (!std::regex_match(text, number)) return false;
    out = std::strtod(text.c_str(), nullptr);
    return true;
}

/// Reads `{a="x",b="y"}` from `pos`; false on any malformation.
inline bool parse_prom_labels(const std::string& line, std::size_t& pos,
                              std::map<std::string, std::string>& labels) {
    static const std::regex label_name("[a-zA-Z_][a-zA-Z0-9_]*");
    ++pos;  // '{'
    while (pos < line.size() && line[pos] != '}') {
        const std::size_t eq = line.find('=', pos);
        if (eq == std::string::npos) return false;
        const std::string name = line.substr(pos, eq - pos);
        if (!std::regex_match(name, label_name) || name.starts_with("__")) return false;
        pos = eq + 1;
        if (pos >= line.size() || line[pos] != '"') return false;
        ++pos;
        std::string value;
        for (;; ++pos) {
            if (pos >= line.size()) return false;
            const char c = line[pos];
            if (c == '"') break;
            if (c == '\n') return false;
            if (c == '\\') {
                if (++pos >= line.size()) return false;
                const char e = line[pos];
                if (e == '\\' || e == '"')
                    value += e;
                else if (e == 'n')
                    value += '\n';
                else
                    return false;
            } else {
                value += c;
            }
        }
        ++pos;  // closing quote
        if (!labels.emplace(name, value).second) return false;
        if (pos < line.size() && line[pos] == ',')
            ++pos;
        else if (pos >= line.size() || line[pos] != '}')
            return false;
    }
    if (pos >= line.size()) return false;
    ++pos;  // '}'
    return true;
}

/// The family a sample name belongs to, given the declared types; "" for none.
inline std::string prom_family_of(const std::string& name,
                                  const std::map<std::string, std::string>& types) {
    if (types.contains(name) && types.at(name) != "histogram") return name;
    for (const char* suffix : {"_bucket", "_sum", "_count"}) {
        const std::string s = suffix;
        if (name.size() > s.size() && name.ends_with(s)) {
            const std::string base = name.substr(0, name.size() - s.size());
            if (types.contains(base) && types.at(base) == "histogram") return base;
        }
    }
    return "";
}

inline void check_prom_histograms(PromExposition& out) {
    for (const auto& [family, type] : out.types) {
        if (type != "histogram") continue;
        // Per label set without le: buckets in order, then sum and count.
        std::map<std::map<std::string, std::string>, std::vector<std::pair<double, double>>>
            buckets;
        std::map<std::map<std::string, std::string>, double> counts;
        std::set<std::map<std::string, std::string>> sums;
        for (const auto& s : out.samples) {
            auto labels = s.labels;
            if (s.name == family + "_bucket") {
                auto le = labels.find("le");
                double bound = 0;
                if (le == labels.end() || !parse_prom_value(le->second, bound)) {
                    out.errors.push_back(family + ": a bucket without a numeric le");
                    continue;
                }
                labels.erase(le);
                buckets[labels].emplace_back(bound, s.value);
            } else if (s.name == family + "_count") {
                counts[labels] = s.value;
            } else if (s.name == family + "_sum") {
                sums.insert(labels);
            }
        }
        for (const auto& [labels, series] : buckets) {
            for (std::size_t i = 1; i < series.size(); ++i) {
                if (!(series[i].first > series[i - 1].first))
                    out.errors.push_back(family + ": le bounds not increasing");
                if (series[i].second < series[i - 1].second)
                    out.errors.push_back(family + ": buckets not cumulative");
            }
            if (series.empty() || !std::isinf(series.back().first))
                out.errors.push_back(family + ": no le=\"+Inf\" bucket last");
            else if (!counts.contains(labels) || counts.at(labels) != series.back().second)
                out.errors.push_back(family + ": +Inf bucket differs from _count");
            if (!sums.contains(labels)) out.errors.push_back(family + ": no _sum");
        }
        for (const auto& [labels, count] : counts)
            if (!buckets.contains(labels))
                out.errors.push_back(family + ": _count without buckets");
    }
}

}  // namespace detail

inline PromExposition parse_prometheus_text(std::string_view text) {
    static const std::regex metric_name("[a-zA-Z_:][a-zA-Z0-9_:]*");
    static const std::set<std::string> kTypes{"counter", "gauge", "histogram", "summary",
                                              "untyped"};
    PromExposition out;
    std::set<std::string> helped, seen_families;
    std::set<std::pair<std::string, std::map<std::string, std::string>>> seen_samples;
    if (!text.empty() && !text.ends_with('\n')) out.errors.push_back("no final newline");
    std::size_t start = 0;
    int number = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string line(text.substr(start, end - start));
        start = end + 1;
        ++number;
        auto fail = [&](const std::string& why) {
            out.errors.push_back("line " + std::to_string(number) + ": " + why + ": " + line);
        };
        if (line.empty()) {
            fail("empty line");
            continue;
        }
        if (line.starts_with("# HELP ") || line.starts_with("# TYPE ")) {
            const std::string rest = line.substr(7);
            const std::size_t space = rest.find(' ');
            const std::string name = rest.substr(0, space);
            if (!std::regex_match(name, metric_name)) {
                fail("bad metric name");
                continue;
            }
            if (line[2] == 'H') {
                if (!helped.insert(name).second) fail("HELP given twice");
                continue;
            }
            const std::string type = space == std::string::npos ? "" : rest.substr(space + 1);
            if (!kTypes.contains(type)) fail("bad TYPE");
            if (out.types.contains(name)) fail("TYPE given twice");
            if (seen_families.contains(name)) fail("TYPE after samples");
            out.types[name] = type;
            continue;
        }
        if (line.starts_with('#')) continue;  // a plain comment

        PromSample sample;
        std::size_t pos = 0;
        while (pos < line.size() && line[pos] != '{' && line[pos] != ' ') ++pos;
        sample.name = line.substr(0, pos);
        if (!std::regex_match(sample.name, metric_name)) {
            fail("bad metric name");
            continue;
        }
        if (pos < line.size() && line[pos] == '{' &&
            !detail::parse_prom_labels(line, pos, sample.labels)) {
            fail("bad labels");
            continue;
        }
        if (pos >= line.size() || line[pos] != ' ') {
            fail("no value");
            continue;
        }
        std::string value = line.substr(pos + 1);
        if (const std::size_t space = value.find(' '); space != std::string::npos) {
            static const std::regex timestamp("-?\\d+");
            if (!std::regex_match(value.substr(space + 1), timestamp)) fail("bad timestamp");
            value = value.substr(0, space);
        }
        if (!detail::parse_prom_value(value, sample.value)) {
            fail("bad value");
            continue;
        }
        const std::string family = detail::prom_family_of(sample.name, out.types);
        if (family.empty()) {
            fail("sample of no declared family");
            continue;
        }
        seen_families.insert(family);
        if (out.types[family] == "counter" && !(sample.value >= 0)) fail("negative counter");
        if (!seen_samples.emplace(sample.name, sample.labels).second) fail("duplicate sample");
        out.samples.push_back(std::move(sample));
    }
    detail::check_prom_histograms(out);
    return out;
}

}  // namespace firebreak::testing
