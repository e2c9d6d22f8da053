#include <doctest/doctest.h>

#include <cstring>
#include <set>
#include <string>

#include "api/lessons.h"

using namespace gofast::api;

TEST_CASE("six chapters: the five ideas and the playground, with unique ids") {
  const auto& list = chapters();
  REQUIRE(list.size() == 6);
  CHECK(std::string(list[0].id) == "values");
  CHECK(std::string(list[5].id) == "playground");
  std::set<std::string> ids;
  for (const auto& c : list) {
    ids.insert(c.id);
    CHECK(std::strlen(c.title) > 0);
    CHECK(std::strlen(c.willShow) > 0);
  }
  CHECK(ids.size() == list.size());
  CHECK(chapterIndex("escape") == 2);
  CHECK(chapterIndex("nosuch") == -1);
}
