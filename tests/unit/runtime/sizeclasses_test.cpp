#include <doctest/doctest.h>

#include "runtime/sizeclasses.h"

using namespace gofast::rt;

TEST_CASE("sizeclasses: rows match the table in Go 1.19 runtime/sizeclasses.go") {
  // "//     5         48        8192      170          32     31.52%         16" (sizeclasses.go:11)
  const SizeClass& c5 = kSizeClasses[5];
  CHECK(c5.size == 48);
  CHECK(c5.spanBytes == 8192);
  CHECK(c5.objects == 170);
  CHECK(c5.tailWaste == 32);
  CHECK(c5.maxWasteBp == 3152);
  CHECK(c5.minAlign == 16);
  // "//    35       1408       16384       11         896     14.00%        128" (sizeclasses.go:41)
  CHECK(kSizeClasses[35].size == 1408);
  CHECK(kSizeClasses[35].spanBytes == 16384);
  CHECK(kSizeClasses[35].npages == 2);
  CHECK(kSizeClasses[35].objects == 11);
  CHECK(kSizeClasses[35].tailWaste == 896);
  // "//    52       9472       57344        6         512     14.28%        256" (sizeclasses.go:58)
  CHECK(kSizeClasses[52].size == 9472);
  CHECK(kSizeClasses[52].npages == 7);
  CHECK(kSizeClasses[52].objects == 6);
  CHECK(kSizeClasses[52].tailWaste == 512);
  // "//    67      32768       32768        1           0     12.50%       8192" (sizeclasses.go:73)
  CHECK(kSizeClasses[67].size == _MaxSmallSize);
  CHECK(kSizeClasses[67].objects == 1);
  CHECK(kSizeClasses[67].maxWasteBp == 1250);
  CHECK(kSizeClasses[1].size == 8);
  CHECK(kSizeClasses[1].objects == 1024);
  CHECK(kSizeClasses[0].size == 0);
}

TEST_CASE("sizeclasses: the table is internally consistent") {
  for (int c = 1; c < _NumSizeClasses; c++) {
    const SizeClass& s = kSizeClasses[c];
    CAPTURE(c);
    CHECK(s.sizeclass == c);
    CHECK(s.spanBytes == uint32_t{s.npages} * _PageSize);
    CHECK(s.objects == s.spanBytes / s.size);
    CHECK(s.tailWaste == s.spanBytes - s.objects * s.size);
    CHECK(s.size > kSizeClasses[c - 1].size);
    CHECK(s.size % 8 == 0);
    CHECK(s.size % s.minAlign == 0);
    // max waste = ((size - prev - 1) * objects + tail) / spanBytes (mksizeclasses.go:249), to 0.01%
    const double w = double((s.size - kSizeClasses[c - 1].size - 1) * s.objects + s.tailWaste) / s.spanBytes;
    CHECK(s.maxWasteBp == static_cast<int>(w * 10000 + 0.5));
  }
}

TEST_CASE("sizeclasses: sizeToClass rounds up to the smallest class that fits") {
  CHECK(sizeToClass(0) == 0);
  CHECK(sizeToClass(1) == 1);
  CHECK(sizeToClass(8) == 1);
  CHECK(sizeToClass(9) == 2);
  CHECK(sizeToClass(24) == 3);
  CHECK(sizeToClass(25) == 4);
  CHECK(sizeToClass(33) == 5);  // 48
  CHECK(sizeToClass(1016) == 32);
  CHECK(sizeToClass(1017) == 32);  // 1024
  CHECK(sizeToClass(1024) == 32);
  CHECK(sizeToClass(1025) == 33);  // 1152
  CHECK(sizeToClass(1152) == 33);
  CHECK(sizeToClass(1153) == 34);
  CHECK(sizeToClass(32767) == 67);
  CHECK(sizeToClass(32768) == 67);
  CHECK(sizeToClass(32769) == 0);  // large
  for (uint64_t n = 1; n <= _MaxSmallSize; n++) {
    const uint8_t c = sizeToClass(n);
    if (classToSize(c) < n || (c > 1 && classToSize(c - 1) >= n)) {
      FAIL("sizeToClass(" << n << ") = " << int(c));
    }
  }
}
