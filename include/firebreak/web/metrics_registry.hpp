#pragma once
// Counters, histograms and scrape-time gauges, rendered in the Prometheus text format 0.0.4.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace firebreak::web {

/// The value of each label of a family, in the order of its label names.
using LabelValues = std::vector<std::string>;

/// A gauge's samples, computed when scraped: label values → value.
using GaugeSource = std::function<std::map<LabelValues, double>()>;

/// Metric families registered once, then updated from any thread. One mutex guards every
/// value: updates are a map lookup and an add, far cheaper than the work they count.
class MetricsRegistry {
  public:
    MetricsRegistry();
    ~MetricsRegistry();
    MetricsRegistry(const MetricsRegistry&) = delete;
    MetricsRegistry& operator=(const MetricsRegistry&) = delete;

    /// Registration throws std::invalid_argument for a name already registered. A family
    /// without labels shows one sample (zero) from the start.
    void add_counter(std::string name, std::string help, std::vector<std::string> label_names);
    /// `bounds` are the buckets' upper bounds, increasing; "+Inf" is added.
    void add_histogram(std::string name, std::string help, std::vector<std::string> label_names,
                       std::vector<double> bounds);
    /// The source is called on every render, outside the registry's lock; a source that
    /// throws or is empty contributes no samples.
    void add_gauge(std::string name, std::string help, std::vector<std::string> label_names,
                   GaugeSource source);
    void set_gauge_source(std::string_view name, GaugeSource source);

    /// Adds `by` (>= 0) to a counter. Throws std::invalid_argument for an unknown family or
    /// the wrong number of label values: a programming error, not bad input.
    void increment(std::string_view name, const LabelValues& labels, double by = 1);
    /// Creates the sample at zero if absent, so a known series shows before it first moves.
    void touch(std::string_view name, const LabelValues& labels);
    /// Records one observation in a histogram. Throws as increment() does.
    void observe(std::string_view name, const LabelValues& labels, double value);

    /// Every family in registration order: `# HELP`, `# TYPE`, then its samples sorted by
    /// label values; histograms as cumulative `_bucket{le=…}`, `_sum` and `_count`.
    std::string render() const;

  private:
    struct Family;
    void add(std::unique_ptr<Family> family, std::string name, std::string help,
             std::vector<std::string> label_names);
    Family& family(std::string_view name, const LabelValues& labels, int kind);

    mutable std::mutex mutex_;
    std::vector<std::unique_ptr<Family>> families_;
};

/// `value` with \, " and newline escaped, for a label value inside double quotes.
std::string escape_label_value(std::string_view value);

/// A sample value as Prometheus writes it: "3", "0.25", "+Inf", "NaN".
std::string format_sample_value(double value);

}  // namespace firebreak::web
