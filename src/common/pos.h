// Positions in Go source text.
//
// Go reports positions as 1-based line and 1-based column, where the column counts *bytes* from the
// start of the line (not characters, not tab stops). Every diagnostic, `-m` line and traceback in
// gofast uses this type so that they print exactly what Go prints. Line 0 means "no position".
#pragma once

#include <cstdint>
#include <string>

namespace gofast {

struct Pos {
  int32_t line = 0;  // 1-based; 0 = unknown
  int32_t col = 0;   // 1-based byte column; 0 = unknown

  constexpr bool valid() const { return line > 0; }
  friend constexpr bool operator==(Pos a, Pos b) { return a.line == b.line && a.col == b.col; }
  friend constexpr bool operator<(Pos a, Pos b) { return a.line != b.line ? a.line < b.line : a.col < b.col; }
};

// "LINE:COL", or "LINE" when the column is unknown, as Go prints them after a file name.
std::string formatPos(Pos p);

}  // namespace gofast
