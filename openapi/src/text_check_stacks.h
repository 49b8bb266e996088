#pragma once
// The small containers the engine's one-pass text checkers share (schema_text_checker.h,
// schema_text_descent.h): they push and pop a few entries per value read, so these allocate
// only when they grow. Internal to the engine.

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <vector>

namespace statuskit::openapi::detail {

/// Objects with at most this many members are searched for a repeated key pairwise; larger
/// ones through a sorted copy of their keys.
inline constexpr std::size_t kPairwiseKeyLimit = 16;

/// True when two keys in [begin, end) are equal; `scratch` is reused between calls.
inline bool has_repeated_key(const std::string_view* begin, const std::string_view* end,
                             std::vector<std::string_view>& scratch) {
  if (static_cast<std::size_t>(end - begin) <= kPairwiseKeyLimit) {
    for (const auto* i = begin; i != end; ++i) {
      for (const auto* j = i + 1; j != end; ++j) {
        if (*i == *j) return true;
      }
    }
    return false;
  }
  scratch.assign(begin, end);
  std::sort(scratch.begin(), scratch.end());
  return std::adjacent_find(scratch.begin(), scratch.end()) != scratch.end();
}

/// A stack whose pops only move its size: the checker pushes and pops a few entries per value,
/// and std::vector's push_back and resize were a tenth of its cost.
template <typename T>
class FlatStack {
 public:
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](std::size_t i) { return items_[i]; }
  T& back() { return items_[size_ - 1]; }
  const T* data() const { return items_.data(); }
  void push(const T& item) {
    if (size_ == items_.size()) items_.resize(items_.empty() ? kInitialCapacity : size_ * 2);
    items_[size_++] = item;
  }
  void truncate(std::size_t size) { size_ = size; }

 private:
  static constexpr std::size_t kInitialCapacity = 16;
  std::vector<T> items_;
  std::size_t size_ = 0;
};

}  // namespace statuskit::openapi::detail
