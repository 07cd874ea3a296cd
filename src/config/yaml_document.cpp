#include "yaml_document.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <sstream>
#include <string>

namespace firebreak::config::detail {

namespace {

/// Counts documents and ignores their content; YAML::Load builds the first one's tree.
class DocumentCounter : public YAML::EventHandler {
  public:
    int documents = 0;
    YAML::Mark last_start;

    void OnDocumentStart(const YAML::Mark& mark) override {
        ++documents;
        last_start = mark;
    }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
};

}  // namespace

YamlDocuments read_documents(std::string_view text) {
    YamlDocuments result;
    std::string owned(text);
    result.first = YAML::Load(owned);

    std::istringstream stream(owned);
    YAML::Parser parser(stream);
    DocumentCounter counter;
    // Two documents are enough to know the file holds too many; stopping there also bounds
    // the parser's loop on malformed input.
    while (counter.documents < 2 && parser.HandleNextDocument(counter)) {
    }
    result.count = counter.documents;
    if (result.count == 2) result.second_start = counter.last_start;
    return result;
}

}  // namespace firebreak::config::detail
