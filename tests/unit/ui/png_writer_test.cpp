// The PNG encoder of "Save panel as PNG" (desktop). Check values: CRC-32 of "123456789" is 0xCBF43926
// (the catalogue check value of CRC-32/ISO-HDLC), Adler-32 of "Wikipedia" is 0x11E60398 (RFC 1950's
// algorithm, the worked example on Wikipedia), and every PNG ends with the IEND chunk
// 00 00 00 00 49 45 4E 44 AE 42 60 82 (its CRC over "IEND" is fixed by the specification).
#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <vector>

#include "ui/png_writer.h"

namespace {

uint32_t be32(const std::vector<uint8_t>& b, size_t at) {
  return (uint32_t{b[at]} << 24) | (uint32_t{b[at + 1]} << 16) | (uint32_t{b[at + 2]} << 8) | b[at + 3];
}

// Walks the chunks; returns the IDAT payload after checking every chunk's CRC.
std::vector<uint8_t> idatOf(const std::vector<uint8_t>& png, std::vector<std::string>* types) {
  std::vector<uint8_t> idat;
  size_t at = 8;
  while (at + 12 <= png.size()) {
    const uint32_t len = be32(png, at);
    REQUIRE(at + 12 + len <= png.size());
    types->push_back(std::string(reinterpret_cast<const char*>(&png[at + 4]), 4));
    CHECK(be32(png, at + 8 + len) == gofast::ui::pngCrc32(&png[at + 4], len + 4));
    if (types->back() == "IDAT") idat.insert(idat.end(), png.begin() + static_cast<long>(at + 8), png.begin() + static_cast<long>(at + 8 + len));
    at += 12 + len;
  }
  CHECK(at == png.size());
  return idat;
}

// Inflates a zlib stream made of stored blocks only (what the encoder writes).
std::vector<uint8_t> inflateStored(const std::vector<uint8_t>& z) {
  std::vector<uint8_t> out;
  REQUIRE(z.size() >= 6);
  CHECK(((z[0] << 8) | z[1]) % 31 == 0);  // RFC 1950: FCHECK makes the header a multiple of 31
  CHECK((z[0] & 0x0F) == 8);              // CM = deflate
  size_t at = 2;
  bool last = false;
  while (!last) {
    REQUIRE(at + 5 <= z.size());
    last = (z[at] & 1) != 0;
    CHECK((z[at] >> 1) == 0);  // BTYPE 00: stored
    const unsigned len = z[at + 1] | (z[at + 2] << 8), nlen = z[at + 3] | (z[at + 4] << 8);
    CHECK((len ^ 0xFFFFu) == nlen);
    at += 5;
    REQUIRE(at + len <= z.size());
    out.insert(out.end(), z.begin() + static_cast<long>(at), z.begin() + static_cast<long>(at + len));
    at += len;
  }
  REQUIRE(at + 4 == z.size());
  CHECK(be32(z, at) == gofast::ui::adler32(out.data(), out.size()));
  return out;
}

}  // namespace

TEST_CASE("png: CRC-32 and Adler-32 match their published check values") {
  const char* digits = "123456789";
  CHECK(gofast::ui::pngCrc32(reinterpret_cast<const uint8_t*>(digits), 9) == 0xCBF43926u);
  const char* wiki = "Wikipedia";
  CHECK(gofast::ui::adler32(reinterpret_cast<const uint8_t*>(wiki), 9) == 0x11E60398u);
}

TEST_CASE("png: an RGBA image encodes as signature, IHDR, IDAT, IEND with its rows intact") {
  for (uint32_t w : {3u, 200u}) {  // 200x100: the raw data (80,100 bytes) needs two stored blocks
    const uint32_t h = w == 3 ? 2 : 100;
    std::vector<uint8_t> rgba(size_t{w} * h * 4);
    for (size_t i = 0; i < rgba.size(); ++i) rgba[i] = static_cast<uint8_t>(i * 7 + 3);
    const std::vector<uint8_t> png = gofast::ui::encodePng(rgba.data(), rgba.size(), w, h);
    REQUIRE(png.size() > 8 + 25 + 12);
    const uint8_t sig[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    CHECK(std::memcmp(png.data(), sig, 8) == 0);
    CHECK(be32(png, 8) == 13);
    CHECK(std::memcmp(&png[12], "IHDR", 4) == 0);
    CHECK(be32(png, 16) == w);
    CHECK(be32(png, 20) == h);
    CHECK(png[24] == 8);  // bit depth
    CHECK(png[25] == 6);  // RGBA
    const uint8_t iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82};
    CHECK(std::memcmp(&png[png.size() - 12], iend, 12) == 0);
    std::vector<std::string> types;
    const std::vector<uint8_t> raw = inflateStored(idatOf(png, &types));
    CHECK(types == std::vector<std::string>{"IHDR", "IDAT", "IEND"});
    REQUIRE(raw.size() == size_t{h} * (size_t{w} * 4 + 1));
    for (uint32_t y = 0; y < h; ++y) {
      CHECK(raw[y * (w * 4 + 1)] == 0);  // filter type none
      CHECK(std::memcmp(&raw[y * (w * 4 + 1) + 1], &rgba[y * w * 4], w * 4) == 0);
    }
  }
}

TEST_CASE("png: wrong sizes give no file") {
  std::vector<uint8_t> rgba(16);
  CHECK(gofast::ui::encodePng(rgba.data(), rgba.size(), 2, 3).empty());
  CHECK(gofast::ui::encodePng(rgba.data(), rgba.size(), 0, 4).empty());
  CHECK(gofast::ui::encodePng(nullptr, 0, 1, 1).empty());
}
