// fmt and print: Go 1.19's value formatting over the simulated address space.
//
// A Go program in gofast keeps every value as bytes in rt::AddressSpace, so formatting cannot use host
// objects: fmt.Print/Println/Printf/Sprint/Sprintf receive their `...any` operands as FmtArg {dynamic
// type, address of the value's bytes} (what an eface's data word points at) and walk the value the way
// fmt's reflection does (fmt/print.go printArg → printValue), reading strings, slices, struct fields and
// array elements through the AddressSpace with Go's amd64 layout (lang::defaultLayout()). The formatting
// itself mirrors fmt/format.go (padding, flags, integer bases, quoting, %x of strings and bytes) and
// strconv/ftoa.go (float layout: %e %f %g %b %x, shortest digits). Float digits come from an exact
// decimal expansion of the binary value, shortened or rounded as Go's big-decimal path does (the same
// digits its Ryu fast path produces), so native and web builds print identical text.
//
// What fmt prints follows Go 1.19 in every detail the subset can reach:
//   - Print's spacing (a space between operands when neither is a string), Println's, %v/%+v/%#v of
//     structs, arrays and slices, []byte under %s %x %q %v, pointers (&{...} at the top level, an address
//     at depth > 0, <nil>), nil slices as [], chans as their hchan address, funcs as the code pointer in
//     the first word of the closure the func value points at (reflect.Value.Pointer; when that word
//     cannot be read, the func value itself);
//   - all error forms: %!d(string=str), %!d(MISSING), %!(EXTRA int=1, string=two), %!(NOVERB),
//     %!(BADWIDTH), %!(BADPREC), %!d(BADINDEX), and %!d(<nil>) for a nil operand;
//   - time.Duration's String() (fmt calls it, as fmt/print.go handleMethods does, for %v %s %x %X %q,
//     but not through unexported struct fields, where reflection cannot call methods).
// User String()/Error() methods are NOT called (gofast cannot run user code from inside fmt yet): such
// values are formatted as if the method did not exist. fmtNeedsMethodCall / fmtFindMethodCall tell the
// VM when that differs from Go so it can say so.
//
// The builtin print/println (runtime/print.go) are separate and much simpler: each operand kind has its
// own function below; the VM writes the spaces and newline of println itself (print.go printsp/printnl).
//
// Interface-typed values inside a struct or slice (outside gofast's subset) print <nil> when nil and as
// their two words "(0x...,0x...)" otherwise, since their dynamic type cannot be recovered here.
//
// Robustness: a memory read that faults (impossible for a valid program) never crashes: the output
// carries a "%!v(BADADDR 0x...)" marker where the value should be, and absurd lengths are refused.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "lang/types.h"
#include "runtime/addrspace.h"

namespace gofast::rt {

// One operand of fmt's `...any`: the dynamic type and the address of the value's bytes (what an eface's
// data word points at). type == nullptr is a nil interface (prints <nil>, %!d(<nil>) ...); the untyped
// nil type is accepted as the same thing. Values are read as they are when the call runs: the caller
// keeps them alive and unmoved for its duration (nothing here allocates in the simulated heap).
struct FmtArg {
  const types::Type* type = nullptr;
  Addr data = 0;
};

// fmt.Sprint / Print (fmt/print.go doPrint).
std::string fmtSprint(AddressSpace& as, const FmtArg* args, size_t n);
// fmt.Sprintln / Println (fmt/print.go doPrintln): operands separated by spaces, then '\n'.
std::string fmtSprintln(AddressSpace& as, const FmtArg* args, size_t n);
// fmt.Sprintf / Printf (fmt/print.go doPrintf).
std::string fmtSprintf(AddressSpace& as, std::string_view format, const FmtArg* args, size_t n);

// Go's reflect-style type name as fmt prints it in %T and in %!verb(type=value): "int", "main.T",
// "[]string", "*main.Node", "struct {}", "[2]main.Inner", "chan int", "func(int) int", "time.Duration".
// byte and rune print as uint8 and int32 (reflect has no aliases).
std::string fmtTypeName(const types::Type* t);

// True when Go's fmt would call a String() string or Error() string method on a value of type t at the
// top level, i.e. the method is in t's method set (value-receiver methods of a named type; value- or
// pointer-receiver methods of the named type a pointer points at). time.Duration is excluded: gofast
// implements its String() here. gofast formats such values as if the method did not exist.
bool fmtNeedsMethodCall(const types::Type* t);
// Deep variant: the first type reachable from a value of type t that fmt would call String()/Error()
// on (t itself, exported struct fields, array/slice elements, the pointee of a top-level pointer to a
// struct/array/slice), or nullptr when printing t never calls a user method.
const types::Type* fmtFindMethodCall(const types::Type* t);

// time.Duration.String() (time/time.go): "1.5s", "2ms", "1h0m0s", "0s", "-1µs".
std::string fmtDurationString(int64_t d);

// strconv.AppendFloat(dst, v, fmt, prec, bitSize) for fmt in b e E f g G x X (strconv/ftoa.go); prec < 0
// asks for the shortest digits that round-trip at bitSize (32 or 64).
void fmtAppendFloat(std::string& dst, double v, char fmt, int prec, int bitSize);
// strconv.IsPrint (table generated from Go 1.19, fmt_isprint.cpp).
bool fmtIsPrint(uint32_t r);

// ---- the builtin print/println (runtime/print.go): one operand each, appended to out ----------------
void printbool(std::string& out, bool v);
void printint(std::string& out, int64_t v);
void printuint(std::string& out, uint64_t v);
void printfloat(std::string& out, double v);                // +1.500000e+000, +Inf, -Inf, NaN
void printcomplex(std::string& out, double re, double im);  // (+1.000000e+000+2.000000e+000i)
void printstring(std::string& out, std::string_view s);
void printpointer(std::string& out, uint64_t p);  // 0xc000012345 (printhex)
void printhex(std::string& out, uint64_t v);
void printslice(std::string& out, uint64_t ptr, int64_t len, int64_t cap);  // [3/4]0xc000...
void printeface(std::string& out, uint64_t typeWord, uint64_t dataWord);     // (0x4a1b20,0xc000012345)

}  // namespace gofast::rt
