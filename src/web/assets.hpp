#pragma once
// The web UI, embedded in the binary at build time (see src/web/CMakeLists.txt).
#include <string_view>

namespace roster::web {

struct Asset {
  std::string_view content_type;
  std::string_view body;
  bool immutable;  // hashed file name: may be cached for a year
  // The body compressed at build time; empty when not offered (not a text type, or not smaller).
  std::string_view gzip;
  std::string_view brotli;
};

// The asset served at `path` (e.g. "/assets/index-3f9a.js"), or nullptr.
const Asset* FindAsset(std::string_view path);

// index.html, served for the page routes; nullptr when built without the UI.
const Asset* IndexHtml();

}  // namespace roster::web
