#pragma once
// What every route-group file (*_handlers.cpp) starts from: the API, JSON in and out, and the
// names its handlers are written with. Each group's route table closes its file, below the
// handlers it binds. Include only from those files.
#include <boost/json.hpp>

#include "domain/error.hpp"
#include "http/api.hpp"
#include "http/json_io.hpp"

namespace roster::http {

namespace json = boost::json;
using beast_http::status;
using beast_http::verb;
using domain::Error;
using domain::ErrorCode;

}  // namespace roster::http
