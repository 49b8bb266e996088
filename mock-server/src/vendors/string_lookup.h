#pragma once
// Hash containers of strings searched by std::string_view, for the per-id work of bulk requests
// (up to 500 ids each): looking an id up must not build a std::string, and de-duplicating the
// ids must not allocate a node per id as std::unordered_set does. Both were measured (callgrind)
// as the larger part of a 500-id request's own loop.

#include <algorithm>
#include <bit>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace statuskit::mock {

/// Hashes std::string and std::string_view alike, so a map keyed by std::string can be searched
/// with a view (C++20 heterogeneous lookup).
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept {
    return std::hash<std::string_view>{}(text);
  }
};

/// A map from names to values, searched by view.
template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

/// Answers "seen before?" for a stream of strings, in one pass. Holds views: the strings must
/// outlive it. Open addressing over a flat table that is never more than half full.
class SeenStrings {
 public:
  explicit SeenStrings(std::size_t expected) : slots_(table_size_for(expected)) {}

  /// True the first time `text` is given, false every later time.
  bool first_time(std::string_view text) {
    if (2 * (count_ + 1) > slots_.size()) grow();
    if (!place(slots_, text)) return false;
    ++count_;
    return true;
  }

 private:
  struct Slot {
    std::string_view text;
    bool used = false;
  };

  static std::size_t table_size_for(std::size_t expected) {
    return std::bit_ceil(std::max<std::size_t>(2 * expected, 8));
  }

  /// Puts `text` in the table unless it is there already; false if it was.
  static bool place(std::vector<Slot>& slots, std::string_view text) {
    const std::size_t mask = slots.size() - 1;
    for (std::size_t i = StringHash{}(text)&mask;; i = (i + 1) & mask) {
      Slot& slot = slots[i];
      if (!slot.used) {
        slot = {text, true};
        return true;
      }
      if (slot.text == text) return false;
    }
  }

  void grow() {
    std::vector<Slot> larger(slots_.size() * 2);
    for (const Slot& slot : slots_) {
      if (slot.used) place(larger, slot.text);
    }
    slots_ = std::move(larger);
  }

  std::vector<Slot> slots_;
  std::size_t count_ = 0;
};

}  // namespace statuskit::mock
