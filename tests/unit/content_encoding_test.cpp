// Which precompressed copy of a web asset goes out for a request's Accept-Encoding.
#include <gtest/gtest.h>

#include "http/pages.hpp"

namespace roster::http {
namespace {

constexpr auto kBr = ContentEncoding::kBrotli;
constexpr auto kGzip = ContentEncoding::kGzip;
constexpr auto kIdentity = ContentEncoding::kIdentity;

ContentEncoding Both(std::string_view accept) { return ChooseEncoding(accept, true, true); }

TEST(ChooseEncoding, BrotliPreferredThenGzipElseIdentity) {
  EXPECT_EQ(Both("gzip, deflate, br"), kBr);
  EXPECT_EQ(Both("br"), kBr);
  EXPECT_EQ(Both("gzip"), kGzip);
  EXPECT_EQ(Both("deflate"), kIdentity);
  EXPECT_EQ(Both(""), kIdentity);
  EXPECT_EQ(Both("identity"), kIdentity);
}

TEST(ChooseEncoding, ZeroWeightRefusesACoding) {
  EXPECT_EQ(Both("br;q=0, gzip"), kGzip);
  EXPECT_EQ(Both("br; q=0.0, gzip;q=0.5"), kGzip);
  EXPECT_EQ(Both("br;q=0.000, gzip;Q=0"), kIdentity);
  EXPECT_EQ(Both("br;q=0.1"), kBr);
  EXPECT_EQ(Both("gzip;q=1.0"), kGzip);
}

TEST(ChooseEncoding, WildcardStandsForTheCodingsNotListed) {
  EXPECT_EQ(Both("*"), kBr);
  EXPECT_EQ(Both("br;q=0, *"), kGzip);
  EXPECT_EQ(Both("*;q=0, gzip"), kGzip);
  EXPECT_EQ(Both("*;q=0"), kIdentity);
}

TEST(ChooseEncoding, CodingNamesAreCaseInsensitive) {
  EXPECT_EQ(Both("GZIP"), kGzip);
  EXPECT_EQ(Both("Br"), kBr);
  EXPECT_EQ(Both("x-gzip"), kGzip);
}

TEST(ChooseEncoding, OnlyCopiesThatExist) {
  EXPECT_EQ(ChooseEncoding("br, gzip", false, false), kIdentity);
  EXPECT_EQ(ChooseEncoding("br, gzip", true, false), kGzip);
  EXPECT_EQ(ChooseEncoding("gzip", false, true), kIdentity);
}

}  // namespace
}  // namespace roster::http
