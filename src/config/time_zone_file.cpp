#include "time_zone_file.hpp"

#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <utility>
#include <vector>

namespace firebreak::config::detail {
namespace {

/// Zone files are a few kilobytes; anything larger is not one.
constexpr std::uintmax_t kMaxZoneFileBytes = 256 * 1024;

/// Big-endian reads that fail, rather than overrun, at the end of the data.
class Reader {
  public:
    explicit Reader(std::string_view bytes) : bytes_(bytes) {}
    bool has(std::size_t n) const { return pos_ + n <= bytes_.size(); }
    std::int64_t signed_be(int width) {
        std::uint64_t v = 0;
        for (int i = 0; i < width; ++i) v = (v << 8) | static_cast<unsigned char>(bytes_[pos_++]);
        if (width == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
        return static_cast<std::int64_t>(v);
    }
    unsigned char byte() { return static_cast<unsigned char>(bytes_[pos_++]); }
    std::string_view take(std::size_t n) {
        std::string_view s = bytes_.substr(pos_, n);
        pos_ += n;
        return s;
    }
    void skip(std::size_t n) { pos_ += n; }
    std::string_view rest() const { return bytes_.substr(pos_); }

  private:
    std::string_view bytes_;
    std::size_t pos_ = 0;
};

struct Header {
    char version = 0;
    std::uint32_t isutcnt = 0, isstdcnt = 0, leapcnt = 0, timecnt = 0, typecnt = 0, charcnt = 0;
};

std::optional<Header> read_header(Reader& r) {
    if (!r.has(44) || r.take(4) != "TZif") return std::nullopt;
    Header h;
    h.version = static_cast<char>(r.byte());
    r.skip(15);
    std::uint32_t* counts[] = {&h.isutcnt, &h.isstdcnt, &h.leapcnt,
                               &h.timecnt, &h.typecnt,  &h.charcnt};
    for (auto* c : counts) *c = static_cast<std::uint32_t>(r.signed_be(4));
    if (h.typecnt == 0 || h.typecnt > 256 || h.timecnt > 100000 || h.charcnt > 100000 ||
        h.leapcnt > 100000 || h.isutcnt > h.typecnt || h.isstdcnt > h.typecnt)
        return std::nullopt;
    return h;
}

std::size_t block_size(const Header& h, int time_width) {
    return h.timecnt * (time_width + 1) + h.typecnt * 6 + h.charcnt + h.leapcnt * (time_width + 4) +
           h.isstdcnt + h.isutcnt;
}

}  // namespace

std::variant<core::TimeZone, std::string> parse_tzif(const std::string& name,
                                                     std::string_view bytes) {
    const std::string bad = "not a TZif file";
    Reader r(bytes);
    auto header = read_header(r);
    if (!header) return bad;
    int width = 4;
    if (header->version >= '2') {
        // Version 2+ repeats the data with 64-bit times after the 32-bit block: use that.
        if (!r.has(block_size(*header, 4))) return bad;
        r.skip(block_size(*header, 4));
        header = read_header(r);
        if (!header) return bad;
        width = 8;
    }
    const Header& h = *header;
    if (!r.has(block_size(h, width))) return bad;

    std::vector<std::int64_t> times(h.timecnt);
    for (auto& t : times) t = r.signed_be(width);
    std::vector<unsigned char> type_of(h.timecnt);
    for (auto& i : type_of) {
        i = r.byte();
        if (i >= h.typecnt) return bad;
    }
    struct Type {
        std::int64_t offset;
        unsigned char abbreviation_index;
    };
    std::vector<Type> types(h.typecnt);
    for (auto& t : types) {
        t.offset = r.signed_be(4);
        r.byte();  // is DST: the abbreviation already says
        t.abbreviation_index = r.byte();
        if (t.abbreviation_index >= h.charcnt) return bad;
    }
    const std::string_view chars = r.take(h.charcnt);
    r.skip(h.leapcnt * (width + 4) + h.isstdcnt + h.isutcnt);

    auto local = [&](const Type& t) {
        std::string_view abbreviation = chars.substr(t.abbreviation_index);
        abbreviation = abbreviation.substr(0, abbreviation.find('\0'));
        return core::LocalOffset{core::Duration{t.offset}, std::string(abbreviation)};
    };
    std::vector<core::TimeZone::Transition> transitions;
    for (std::size_t i = 0; i < times.size(); ++i) {
        if (i > 0 && times[i] <= times[i - 1]) return bad;
        transitions.push_back(
            {core::Timestamp{core::Duration{times[i]}}, local(types[type_of[i]])});
    }

    // The footer: "\n<POSIX TZ string>\n", the rule after the last transition.
    std::optional<core::PosixZoneRule> rule;
    if (width == 8) {
        std::string_view footer = r.rest();
        if (footer.size() >= 2 && footer.front() == '\n') {
            footer = footer.substr(1, footer.find('\n', 1) - 1);
            if (!footer.empty()) {
                rule = core::parse_posix_zone_rule(footer);
                if (!rule)
                    return "its rule for future years, '" + std::string(footer) +
                           "', cannot be read";
            }
        }
    }
    return core::TimeZone(name, local(types[0]), std::move(transitions), std::move(rule));
}

std::variant<core::TimeZone, std::string> load_time_zone(const std::string& name,
                                                         const std::string& dir) {
    if (name == "UTC") return core::TimeZone::utc();
    // An IANA name is a relative path of letters, digits and _ + -; nothing may climb out.
    bool sane = !name.empty() && name.front() != '/' && name.find("..") == std::string::npos;
    for (char c : name)
        sane = sane && (std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' ||
                        c == '+' || c == '-');
    if (!sane) return std::string("not a time zone name such as Europe/Berlin");

    const std::filesystem::path file = std::filesystem::path(dir) / name;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) return "no such zone in " + dir;
    if (auto size = std::filesystem::file_size(file, ec); ec || size > kMaxZoneFileBytes)
        return std::string("not a TZif file");
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) return "cannot read " + file.string();
    return parse_tzif(name, bytes.str());
}

}  // namespace firebreak::config::detail
