#include "ui/png_writer.h"

#include <algorithm>

namespace gofast::ui {

uint32_t pngCrc32(const uint8_t* data, size_t n, uint32_t crc) {
  crc = ~crc;
  for (size_t i = 0; i < n; ++i) {
    crc ^= data[i];
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));  // reflected 0x04C11DB7
  }
  return ~crc;
}

uint32_t adler32(const uint8_t* data, size_t n) {
  constexpr uint32_t kMod = 65521;  // RFC 1950 section 8: the largest prime below 2^16
  uint32_t a = 1, b = 0;
  for (size_t i = 0; i < n; ++i) {
    a = (a + data[i]) % kMod;
    b = (b + a) % kMod;
  }
  return (b << 16) | a;
}

namespace {

void put32(std::vector<uint8_t>& out, uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<uint8_t>(v >> s));
}

void chunk(std::vector<uint8_t>& out, const char type[4], const std::vector<uint8_t>& body) {
  put32(out, static_cast<uint32_t>(body.size()));
  const size_t start = out.size();
  out.insert(out.end(), type, type + 4);
  out.insert(out.end(), body.begin(), body.end());
  put32(out, pngCrc32(out.data() + start, out.size() - start));
}

}  // namespace

std::vector<uint8_t> encodePng(const uint8_t* rgba, size_t size, uint32_t width, uint32_t height) {
  if (width == 0 || height == 0 || rgba == nullptr || size != static_cast<size_t>(width) * height * 4) return {};
  // The raw image data: every row starts with its filter type (0, none).
  std::vector<uint8_t> raw;
  const size_t stride = static_cast<size_t>(width) * 4;
  raw.reserve((stride + 1) * height);
  for (uint32_t y = 0; y < height; ++y) {
    raw.push_back(0);
    raw.insert(raw.end(), rgba + y * stride, rgba + (y + 1) * stride);
  }
  // zlib stream: header 0x78 0x01 (deflate, 32K window, check bits), stored blocks, Adler-32.
  std::vector<uint8_t> z = {0x78, 0x01};
  constexpr size_t kMaxStored = 65535;  // RFC 1951 3.2.4: LEN is 16 bits
  size_t pos = 0;
  do {
    const size_t len = std::min(kMaxStored, raw.size() - pos);
    const bool last = pos + len == raw.size();
    z.push_back(last ? 1 : 0);  // BFINAL, BTYPE=00
    z.push_back(static_cast<uint8_t>(len));
    z.push_back(static_cast<uint8_t>(len >> 8));
    z.push_back(static_cast<uint8_t>(~len));
    z.push_back(static_cast<uint8_t>(~len >> 8));
    z.insert(z.end(), raw.begin() + static_cast<std::ptrdiff_t>(pos), raw.begin() + static_cast<std::ptrdiff_t>(pos + len));
    pos += len;
  } while (pos < raw.size());
  put32(z, adler32(raw.data(), raw.size()));

  std::vector<uint8_t> out = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  std::vector<uint8_t> ihdr;
  put32(ihdr, width);
  put32(ihdr, height);
  ihdr.insert(ihdr.end(), {8, 6, 0, 0, 0});  // bit depth 8, colour type 6 (RGBA), deflate, filter 0, no interlace
  chunk(out, "IHDR", ihdr);
  chunk(out, "IDAT", z);
  chunk(out, "IEND", {});
  return out;
}

}  // namespace gofast::ui
