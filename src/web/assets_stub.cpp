// Built with -DROSTER_BUILD_UI=OFF: no web UI is embedded, the server answers 404 for pages.
#include "web/assets.hpp"

namespace roster::web {

const Asset* FindAsset(std::string_view /*path*/) { return nullptr; }

const Asset* IndexHtml() { return nullptr; }

}  // namespace roster::web
