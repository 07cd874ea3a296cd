#include "firebreak/web/metrics_registry.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <exception>
#include <stdexcept>
#include <utility>

namespace firebreak::web {

namespace {

enum Kind { kCounter, kHistogram, kGauge };

struct HistogramValue {
    std::vector<std::uint64_t> buckets;  ///< per bound, not cumulative; the last is +Inf
    double sum = 0;
    std::uint64_t count = 0;
};

const char* type_name(int kind) {
    switch (kind) {
        case kCounter:
            return "counter";
        case kHistogram:
            return "histogram";
        default:
            return "gauge";
    }
}

/// HELP text escapes only backslash and newline.
std::string escape_help(std::string_view help) {
    std::string out;
    for (char c : help) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

/// `{a="x",b="y"}`, with `extra` (such as le="0.5") last; "" when there are no labels.
std::string label_set(const std::vector<std::string>& names, const LabelValues& values,
                      const std::string& extra = {}) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        out += out.empty() ? "{" : ",";
        out += names[i] + "=\"" + escape_label_value(values[i]) + "\"";
    }
    if (!extra.empty()) out += (out.empty() ? "{" : ",") + extra;
    return out.empty() ? out : out + "}";
}

}  // namespace

struct MetricsRegistry::Family {
    std::string name;
    std::string help;
    int kind = kCounter;
    std::vector<std::string> label_names;
    std::vector<double> bounds;  ///< histograms only, without +Inf
    std::map<LabelValues, double> values;
    std::map<LabelValues, HistogramValue> histograms;
    GaugeSource source;

    HistogramValue& histogram(const LabelValues& labels) {
        auto [it, inserted] = histograms.try_emplace(labels);
        if (inserted) it->second.buckets.assign(bounds.size() + 1, 0);
        return it->second;
    }
};

MetricsRegistry::MetricsRegistry() = default;
MetricsRegistry::~MetricsRegistry() = default;

void MetricsRegistry::add_counter(std::string name, std::string help,
                                  std::vector<std::string> label_names) {
    auto f = std::make_unique<Family>();
    f->kind = kCounter;
    if (label_names.empty()) f->values[{}] = 0;
    add(std::move(f), std::move(name), std::move(help), std::move(label_names));
}

void MetricsRegistry::add_histogram(std::string name, std::string help,
                                    std::vector<std::string> label_names,
                                    std::vector<double> bounds) {
    if (!std::is_sorted(bounds.begin(), bounds.end()) ||
        std::adjacent_find(bounds.begin(), bounds.end()) != bounds.end())
        throw std::invalid_argument("metric " + name + ": bucket bounds must increase");
    auto f = std::make_unique<Family>();
    f->kind = kHistogram;
    f->bounds = std::move(bounds);
    if (label_names.empty()) f->histogram({});
    add(std::move(f), std::move(name), std::move(help), std::move(label_names));
}

void MetricsRegistry::add_gauge(std::string name, std::string help,
                                std::vector<std::string> label_names, GaugeSource source) {
    auto f = std::make_unique<Family>();
    f->kind = kGauge;
    f->source = std::move(source);
    add(std::move(f), std::move(name), std::move(help), std::move(label_names));
}

void MetricsRegistry::add(std::unique_ptr<Family> f, std::string name, std::string help,
                          std::vector<std::string> label_names) {
    f->name = std::move(name);
    f->help = std::move(help);
    f->label_names = std::move(label_names);
    std::lock_guard lock(mutex_);
    for (const auto& existing : families_)
        if (existing->name == f->name)
            throw std::invalid_argument("metric " + f->name + " registered twice");
    families_.push_back(std::move(f));
}

void MetricsRegistry::set_gauge_source(std::string_view name, GaugeSource source) {
    std::lock_guard lock(mutex_);
    for (const auto& f : families_) {
        if (f->name == name && f->kind == kGauge) {
            f->source = std::move(source);
            return;
        }
    }
    throw std::invalid_argument("no gauge " + std::string(name));
}

MetricsRegistry::Family& MetricsRegistry::family(std::string_view name, const LabelValues& labels,
                                                 int kind) {
    for (const auto& f : families_) {
        if (f->name != name) continue;
        if (f->kind != kind)
            throw std::invalid_argument("metric " + f->name + " is a " + type_name(f->kind));
        if (labels.size() != f->label_names.size())
            throw std::invalid_argument("metric " + f->name + " takes " +
                                        std::to_string(f->label_names.size()) + " label(s)");
        return *f;
    }
    throw std::invalid_argument("no metric " + std::string(name));
}

void MetricsRegistry::increment(std::string_view name, const LabelValues& labels, double by) {
    if (!(by >= 0)) throw std::invalid_argument("a counter only goes up");
    std::lock_guard lock(mutex_);
    family(name, labels, kCounter).values[labels] += by;
}

void MetricsRegistry::touch(std::string_view name, const LabelValues& labels) {
    std::lock_guard lock(mutex_);
    for (const auto& f : families_) {
        if (f->name != name) continue;
        if (f->kind == kHistogram)
            family(name, labels, kHistogram).histogram(labels);
        else
            family(name, labels, kCounter).values.try_emplace(labels, 0);
        return;
    }
    throw std::invalid_argument("no metric " + std::string(name));
}

void MetricsRegistry::observe(std::string_view name, const LabelValues& labels, double value) {
    std::lock_guard lock(mutex_);
    Family& f = family(name, labels, kHistogram);
    HistogramValue& h = f.histogram(labels);
    // Bucket i counts bounds[i-1] < value <= bounds[i]; NaN lands in +Inf only.
    const auto bound = std::lower_bound(f.bounds.begin(), f.bounds.end(), value);
    ++h.buckets[static_cast<std::size_t>(bound - f.bounds.begin())];
    h.sum += value;
    ++h.count;
}

std::string MetricsRegistry::render() const {
    // Copy under the lock, then call gauge sources without it: they may read the store.
    std::vector<Family> snapshot;
    {
        std::lock_guard lock(mutex_);
        for (const auto& f : families_) snapshot.push_back(*f);
    }
    std::string out;
    for (Family& f : snapshot) {
        if (f.kind == kGauge && f.source) {
            try {
                f.values = f.source();
            } catch (const std::exception&) {
                f.values.clear();  // a scrape shows what it can; the gauge is just absent
            }
        }
        out += "# HELP " + f.name + " " + escape_help(f.help) + "\n";
        out += "# TYPE " + f.name + " " + type_name(f.kind) + "\n";
        for (const auto& [labels, value] : f.values) {
            if (labels.size() != f.label_names.size()) continue;  // a gauge source's mistake
            out +=
                f.name + label_set(f.label_names, labels) + " " + format_sample_value(value) + "\n";
        }
        for (const auto& [labels, h] : f.histograms) {
            std::uint64_t cumulative = 0;
            for (std::size_t i = 0; i < h.buckets.size(); ++i) {
                cumulative += h.buckets[i];
                const std::string le =
                    i < f.bounds.size() ? format_sample_value(f.bounds[i]) : "+Inf";
                out += f.name + "_bucket" + label_set(f.label_names, labels, "le=\"" + le + "\"") +
                       " " + std::to_string(cumulative) + "\n";
            }
            out += f.name + "_sum" + label_set(f.label_names, labels) + " " +
                   format_sample_value(h.sum) + "\n";
            out += f.name + "_count" + label_set(f.label_names, labels) + " " +
                   std::to_string(h.count) + "\n";
        }
    }
    return out;
}

std::string escape_label_value(std::string_view value) {
    std::string out;
    for (char c : value) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

std::string format_sample_value(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
    char buf[64];
    // The shortest text that reads back as the same double, in plain notation where that
    // stays short ("0.0005" rather than "5e-04", as Prometheus' own clients write le).
    const double magnitude = std::fabs(value);
    const bool plain = magnitude == 0 || (magnitude >= 1e-6 && magnitude < 1e15);
    const auto result = plain
                            ? std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed)
                            : std::to_chars(buf, buf + sizeof buf, value);
    return std::string(buf, result.ptr);
}

}  // namespace firebreak::web
