// A minimal PNG encoder for "Save panel as PNG" on the desktop (the web page lets the browser encode:
// canvas.toBlob). 8-bit RGBA, no filtering, zlib "stored" (uncompressed) deflate blocks: panels are a
// few hundred kilobytes at most, so compression is not worth a dependency. Format: the PNG
// specification (W3C, 2003), sections 5 (datastream), 11.2 (IHDR, IDAT, IEND); RFC 1950 (zlib) and
// RFC 1951 section 3.2.4 (stored blocks).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gofast::ui {

// rgba: width*height*4 bytes, rows top to bottom. Returns the PNG file's bytes (empty if the sizes
// do not match or a side is 0).
std::vector<uint8_t> encodePng(const uint8_t* rgba, size_t size, uint32_t width, uint32_t height);

// CRC-32 (ISO 3309, as PNG chunks use it) and Adler-32 (RFC 1950), exposed for tests.
uint32_t pngCrc32(const uint8_t* data, size_t n, uint32_t crc = 0);
uint32_t adler32(const uint8_t* data, size_t n);

}  // namespace gofast::ui
