#include "lang/frontend.h"

#include <algorithm>

namespace gofast::lang {

FrontendResult compileFrontend(std::string_view source, std::string_view displayName, const CheckOptions& options) {
  FrontendResult r;
  r.parse = parseFile(source, displayName);
  if (r.parse.headerError) {
    r.diags = r.parse.diags;
    for (const Diagnostic& d : r.diags) r.output += formatDiagnostic(d) + "\n";
    r.exitStatus = 1;
    return r;
  }
  Diagnostics all;
  bool tooMany = false;
  Diagnostic tooManyDiag;
  for (const Diagnostic& d : r.parse.diags) {
    if (r.parse.tooManyErrors && &d == &r.parse.diags.back()) {
      tooMany = true;
      tooManyDiag = d;
      break;
    }
    all.push_back(d);
  }
  if (!tooMany && r.parse.canCheck()) {
    r.check = check(r.parse.file, *r.parse.arena, options);
    r.checked = true;
    int count = static_cast<int>(all.size());
    const Diagnostic* last = nullptr;
    for (const Diagnostic& d : r.check.diags) {
      if (last != nullptr && last->pos.line == d.pos.line && last->msg == d.msg) continue;
      all.push_back(d);
      last = &d;
      if (++count >= kMaxErrors) {
        tooMany = true;
        tooManyDiag = Diagnostic{d.file, d.pos, "too many errors"};
        break;
      }
    }
  }
  std::stable_sort(all.begin(), all.end(), [](const Diagnostic& a, const Diagnostic& b) { return a.pos < b.pos; });
  for (const Diagnostic& d : all)
    if (r.diags.empty() || !(r.diags.back() == d)) r.diags.push_back(d);
  if (tooMany) r.diags.push_back(tooManyDiag);
  if (r.diags.empty() && r.checked && r.check.mainFunc == nullptr)
    r.diags.push_back(Diagnostic{"", Pos{}, "runtime.main_main\xC2\xB7" "f: function main is undeclared in the main package"});
  if (!r.diags.empty()) {
    r.output = "# command-line-arguments\n";
    for (const Diagnostic& d : r.diags) r.output += formatDiagnostic(d) + "\n";
    r.exitStatus = 2;
  }
  return r;
}

}  // namespace gofast::lang
