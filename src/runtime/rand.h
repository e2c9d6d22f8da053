// The runtime's pseudo-random numbers: Go's fastrand, driven by the session's seed.
//
// Go makes some scheduling choices at random: the order in which an idle P visits the other Ps to
// steal work (stealOrder.start(fastrand()), proc.go:2930), select's poll order (fastrandn,
// select.go:173), randomized runqput under the race detector. Go draws them from a per-M wyrand
// state (stubs.go:127-138 on 64-bit: state += 0xa0761d6478bd642f, then the 128-bit product of state
// and state^0xe7037ed1a0b428db folded to 32 bits) seeded at M creation from the OS. gofast keeps the
// same generator and the same per-M ownership but seeds each M from the session seed and the M's id
// (DESIGN.md rule 7), so the same seed gives the same run. The 128-bit product is written out with
// 32-bit halves so native and WebAssembly builds produce identical numbers without __int128.
#pragma once

#include <cstdint>

namespace gofast::rt {

// stubs.go:135-136 (wyrand constants, from Wang Yi's wyhash).
inline constexpr uint64_t kWyrandAdd = 0xa0761d6478bd642full;
inline constexpr uint64_t kWyrandXor = 0xe7037ed1a0b428dbull;

// 64x64 -> 128 multiply, portable (math.Mul64 in Go).
inline void mul64(uint64_t x, uint64_t y, uint64_t* hi, uint64_t* lo) {
  const uint64_t mask32 = 0xffffffffull;
  const uint64_t x0 = x & mask32, x1 = x >> 32;
  const uint64_t y0 = y & mask32, y1 = y >> 32;
  const uint64_t w0 = x0 * y0;
  const uint64_t t = x1 * y0 + (w0 >> 32);
  uint64_t w1 = t & mask32;
  const uint64_t w2 = t >> 32;
  w1 += x0 * y1;
  *hi = x1 * y1 + w2 + (w1 >> 32);
  *lo = x * y;
}

// splitmix64 finalizer: turns (seed, stream id) into a well-mixed initial state.
inline uint64_t mixSeed(uint64_t seed, uint64_t stream) {
  uint64_t z = seed + (stream + 1) * 0x9e3779b97f4a7c15ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

// One generator state (Go: m.fastrand).
struct FastRand {
  uint64_t state = 0;

  FastRand() = default;
  FastRand(uint64_t seed, uint64_t stream) : state(mixSeed(seed, stream)) {}

  // fastrand (stubs.go:127): 32 random bits.
  uint32_t fastrand() {
    state += kWyrandAdd;
    uint64_t hi = 0, lo = 0;
    mul64(state, state ^ kWyrandXor, &hi, &lo);
    return static_cast<uint32_t>(hi ^ lo);
  }
  // fastrandn (stubs.go:154): uniform in [0, n) by Lemire's multiply-shift, not modulo.
  uint32_t fastrandn(uint32_t n) {
    return static_cast<uint32_t>((static_cast<uint64_t>(fastrand()) * n) >> 32);
  }
};

}  // namespace gofast::rt
