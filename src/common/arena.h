// Arena: a bump allocator for short-lived, many-small-object data such as AST nodes.
//
// The front end creates tens of thousands of small nodes per program and frees them all at once
// when the program is replaced; a bump allocator makes each allocation a pointer increment and the
// release a handful of free() calls, and keeps nodes of one function close together in memory.
//
// Ownership rule: the arena NEVER runs destructors. `make<T>` therefore only accepts trivially
// destructible types (checked at compile time); nodes hold Span<T> (pointer + length into the same
// arena) and std::string_view (into text the arena or the caller owns) instead of std::vector and
// std::string. An Arena is movable but not copyable; pointers into it stay valid when the Arena
// object is moved (the chunks do not move).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string_view>
#include <type_traits>
#include <utility>

namespace gofast {

// A read-only view of `size` consecutive T (usually arena-allocated). Trivially destructible.
template <class T>
struct Span {
  T* data = nullptr;
  uint32_t size = 0;

  T* begin() const { return data; }
  T* end() const { return data + size; }
  bool empty() const { return size == 0; }
  T& operator[](uint32_t i) const { return data[i]; }
  T& front() const { return data[0]; }
  T& back() const { return data[size - 1]; }
};

class Arena {
 public:
  explicit Arena(size_t chunkSize = 64 * 1024) : chunkSize_(chunkSize) {}
  ~Arena() { release(); }
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  Arena(Arena&& o) noexcept { *this = std::move(o); }
  Arena& operator=(Arena&& o) noexcept {
    if (this != &o) {
      release();
      head_ = std::exchange(o.head_, nullptr);
      cur_ = std::exchange(o.cur_, nullptr);
      limit_ = std::exchange(o.limit_, nullptr);
      chunkSize_ = o.chunkSize_;
      used_ = std::exchange(o.used_, 0);
    }
    return *this;
  }

  // Raw storage; never returns null (aborts on out-of-memory, as operator new would without
  // exceptions). `align` must be a power of two no larger than alignof(std::max_align_t).
  void* allocate(size_t size, size_t align) {
    uintptr_t p = (reinterpret_cast<uintptr_t>(cur_) + (align - 1)) & ~uintptr_t(align - 1);
    if (cur_ == nullptr || p + size > reinterpret_cast<uintptr_t>(limit_)) {
      grow(size + align);
      p = (reinterpret_cast<uintptr_t>(cur_) + (align - 1)) & ~uintptr_t(align - 1);
    }
    cur_ = reinterpret_cast<char*>(p + size);
    used_ += size;
    return reinterpret_cast<void*>(p);
  }

  // Constructs a T in the arena. T's destructor will never run, so T must not need one.
  template <class T, class... Args>
  T* make(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
    return new (allocate(sizeof(T), alignof(T))) T(std::forward<Args>(args)...);
  }

  // Copies n elements into the arena.
  template <class T>
  Span<T> copyArray(const T* src, size_t n) {
    static_assert(std::is_trivially_copyable_v<T>, "arena arrays are copied bytewise");
    if (n == 0) return {};
    T* dst = static_cast<T*>(allocate(sizeof(T) * n, alignof(T)));
    std::memcpy(static_cast<void*>(dst), src, sizeof(T) * n);
    return {dst, static_cast<uint32_t>(n)};
  }

  // Copies a string into the arena (NUL-terminated, for the benefit of C APIs such as strtod).
  std::string_view copyString(std::string_view s) {
    char* dst = static_cast<char*>(allocate(s.size() + 1, 1));
    if (!s.empty()) std::memcpy(dst, s.data(), s.size());
    dst[s.size()] = 0;
    return {dst, s.size()};
  }

  // Bytes handed out so far (excluding alignment padding and chunk headers).
  size_t bytesUsed() const { return used_; }

 private:
  struct Chunk {
    Chunk* next;
  };

  void grow(size_t atLeast) {
    size_t size = chunkSize_;
    if (size < atLeast + sizeof(Chunk)) size = atLeast + sizeof(Chunk);
    Chunk* c = static_cast<Chunk*>(std::malloc(size));
    if (c == nullptr) std::abort();
    c->next = head_;
    head_ = c;
    cur_ = reinterpret_cast<char*>(c) + sizeof(Chunk);
    limit_ = reinterpret_cast<char*>(c) + size;
    // Grow the chunk size geometrically (up to 1 MiB) so big programs need few chunks.
    if (chunkSize_ < (size_t(1) << 20)) chunkSize_ *= 2;
  }

  void release() {
    while (head_ != nullptr) {
      Chunk* n = head_->next;
      std::free(head_);
      head_ = n;
    }
    cur_ = limit_ = nullptr;
    used_ = 0;
  }

  Chunk* head_ = nullptr;
  char* cur_ = nullptr;
  char* limit_ = nullptr;
  size_t chunkSize_ = 64 * 1024;
  size_t used_ = 0;
};

}  // namespace gofast
