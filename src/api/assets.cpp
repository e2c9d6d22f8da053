// The embedded assets/ files (see assets.h) and the example list derived from them.
#include "api/assets.h"

#include <cstddef>

namespace gofast::api {

namespace generated {
struct RawAsset {
  const char* path;
  const unsigned char* data;
  std::size_t size;
};
extern const RawAsset kAssets[];
extern const std::size_t kAssetCount;
}  // namespace generated

const std::vector<Asset>& assets() {
  static const std::vector<Asset> all = [] {
    std::vector<Asset> v;
    for (std::size_t i = 0; i < generated::kAssetCount; i++) {
      const generated::RawAsset& r = generated::kAssets[i];
      v.push_back(Asset{r.path, std::string_view(reinterpret_cast<const char*>(r.data), r.size)});
    }
    return v;
  }();
  return all;
}

std::string_view asset(std::string_view path) {
  for (const Asset& a : assets())
    if (a.path == path) return a.text;
  return {};
}

std::vector<Example> examples(std::string_view chapterId) {
  std::vector<Example> out;
  std::string prefix = "examples/" + std::string(chapterId) + "/";
  for (const Asset& a : assets()) {
    if (a.path.size() <= prefix.size() || a.path.substr(0, prefix.size()) != prefix) continue;
    if (a.path.substr(a.path.size() - 3) != ".go") continue;
    Example e;
    e.path = a.path;
    e.source = a.text;
    // Leading `// ...` lines: the first is the title, the rest the description.
    size_t pos = 0;
    bool first = true;
    while (pos < a.text.size() && a.text.substr(pos, 2) == "//") {
      size_t end = a.text.find('\n', pos);
      if (end == std::string_view::npos) end = a.text.size();
      std::string_view line = a.text.substr(pos + 2, end - pos - 2);
      if (!line.empty() && line[0] == ' ') line.remove_prefix(1);
      if (first) {
        e.title = std::string(line);
        first = false;
      } else if (!line.empty()) {
        if (!e.description.empty()) e.description += ' ';
        e.description += line;
      }
      pos = end + 1;
    }
    if (e.title.empty()) e.title = std::string(a.path.substr(prefix.size()));
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace gofast::api
