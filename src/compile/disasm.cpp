// The disassembler and the tables generated from the opcode X-macro (DESIGN rule 8).
#include <cstdio>
#include <string>

#include "compile/program.h"

namespace gofast::compile {

namespace {
struct OpInfo {
  const char* name;
  const char* shape;
};
constexpr OpInfo kOps[] = {
#define GOFAST_OPCODE_INFO(name, shape) {#name, shape},
    GOFAST_OPCODES(GOFAST_OPCODE_INFO)
#undef GOFAST_OPCODE_INFO
};
}  // namespace

const char* opcodeName(Opcode op) {
  auto i = static_cast<size_t>(op);
  return i < sizeof kOps / sizeof kOps[0] ? kOps[i].name : "?";
}
const char* opcodeShape(Opcode op) {
  auto i = static_cast<size_t>(op);
  return i < sizeof kOps / sizeof kOps[0] ? kOps[i].shape : "----";
}

const char* numKindName(NumKind k) {
  static const char* const names[] = {"i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f32", "f64", "bool", "ptr"};
  auto i = static_cast<size_t>(k);
  return i < 12 ? names[i] : "?";
}

const char* condName(Cond c) {
  static const char* const names[] = {"==", "!=", "<", "<=", ">", ">="};
  auto i = static_cast<size_t>(c);
  return i < 6 ? names[i] : "?";
}

static std::string hex(uint64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%#llx", static_cast<unsigned long long>(v));
  return buf;
}

std::string disassemble(const Program& p) {
  std::string out;
  for (const FuncCode& f : p.funcs) {
    if (f.entry == f.end) continue;
    out += "TEXT " + f.name + "(SB) " + hex(p.pcOf(f.entry)) + "  frame=" + std::to_string(f.frameSize) +
           " args=" + std::to_string(f.argsSize) + " results=" + std::to_string(f.resultsSize) +
           (f.nosplit ? " NOSPLIT" : "") + "\n";
    for (const FrameSlot& s : f.slots)
      out += "\t; " + std::string(s.kind == FrameSlot::Param ? "param " : s.kind == FrameSlot::Result ? "result" : "local ") +
             " SP+" + std::to_string(s.offset) + " size " + std::to_string(s.size) + "  " + s.name + "\n";
    auto mapString = [](const std::vector<uint8_t>& mask, int64_t words) {
      std::string m;
      for (int64_t w = 0; w < words; w++)
        m += static_cast<size_t>(w / 8) < mask.size() && (mask[static_cast<size_t>(w / 8)] >> (w % 8) & 1) ? '1' : '0';
      return m.empty() ? std::string("-") : m;
    };
    // Stack maps: one character per 8-byte word, 1 = holds a pointer (Go's stack maps, LSB = SP+0).
    out += "\t; stack map: locals " + mapString(f.localsPtrMask, f.frameSize / 8) + "  args " +
           mapString(f.argsPtrMask, ((f.argsSize + 7) / 8 * 8 + f.resultsSize) / 8) + "\n";
    int32_t lastLine = -1;
    for (uint32_t i = f.entry; i < f.end; i++) {
      const Instr& in = p.code[i];
      const PcLine& pl = p.pcline[i];
      if (pl.line != lastLine && pl.line > 0) {
        out += "\t// " + std::string(f.isRuntime ? f.file : p.fileName) + ":" + std::to_string(pl.line);
        if (pl.inl >= 0 && static_cast<size_t>(pl.inl) < f.inlTree.size()) out += " (inlined " + f.inlTree[static_cast<size_t>(pl.inl)].funcName + ")";
        out += "\n";
        lastLine = pl.line;
      }
      const char* shape = opcodeShape(in.op);
      std::string line = "\t" + hex(p.pcOf(i)) + "\t" + opcodeName(in.op);
      auto operand = [&](char sh, int64_t v) -> std::string {
        switch (sh) {
          case 'd': case 's': return "SP+" + std::to_string(v);
          case 'i': return "$" + std::to_string(v);
          case 't': return hex(p.pcOf(static_cast<uint32_t>(v)));
          case 'f': return v >= 0 && static_cast<size_t>(v) < p.funcs.size() ? p.funcs[static_cast<size_t>(v)].name : "?";
          case 'T': return v >= 0 && static_cast<size_t>(v) < p.types.size() ? "type:" + types::typeString(p.types[static_cast<size_t>(v)].type) : "?";
          default: return "";
        }
      };
      std::string ops;
      const int64_t vals[4] = {in.a, in.b, in.c, in.imm};
      for (int k = 0; k < 4; k++) {
        if (shape[k] == '-') continue;
        if (!ops.empty()) ops += ", ";
        ops += operand(shape[k], vals[k]);
      }
      if (in.k != 0 || in.k2 != 0) ops += (ops.empty() ? "" : "  ") + std::string("k=") + std::to_string(in.k) + "," + std::to_string(in.k2);
      out += line + "\t" + ops + "\n";
    }
    out += "\n";
  }
  return out;
}

}  // namespace gofast::compile
