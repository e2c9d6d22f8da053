#include "common/diagnostic.h"

namespace gofast {

std::string formatPos(Pos p) {
  if (!p.valid()) return "";
  std::string s = std::to_string(p.line);
  if (p.col > 0) s += ":" + std::to_string(p.col);
  return s;
}

std::string formatDiagnostic(const Diagnostic& d) {
  std::string s;
  if (!d.file.empty()) {
    s += d.file;
    if (d.pos.valid()) s += ":" + formatPos(d.pos);
    s += ": ";
  }
  s += d.msg;
  return s;
}

std::string goDisplayPath(const std::string& path) {
  if (path.empty() || path == "-") return path;
  if (path[0] == '/' || path.rfind("./", 0) == 0 || path.rfind("../", 0) == 0) return path;
  return "./" + path;
}

}  // namespace gofast
