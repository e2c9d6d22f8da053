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
  // cmd/go (base.ShortPath) prints a path relative to the working directory; the compiler then
  // shows a file in the current directory as "./name.go" and others as "dir/name.go".
  if (path.empty() || path == "-") return path;
  std::string p = path;
  while (p.rfind("./", 0) == 0 && p.size() > 2) p = p.substr(2);
  if (p[0] == '/' || p.rfind("../", 0) == 0) return p;
  if (p.find('/') == std::string::npos) return "./" + p;
  return p;
}

}  // namespace gofast
