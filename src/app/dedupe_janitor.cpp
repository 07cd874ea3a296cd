#include "firebreak/app/dedupe_janitor.hpp"

#include <algorithm>

#include "firebreak/store/store.hpp"
#include "firebreak/store/transaction.hpp"

namespace firebreak::app {

DedupeJanitor::DedupeJanitor(store::Store& store, const Clock& clock, int batch_size)
    : store_(store), clock_(clock), batch_size_(std::max(batch_size, 1)) {}

DedupeJanitor::Batch DedupeJanitor::forget_batch() {
    auto tx = store_.begin();
    const int deleted = tx.forget_expired(clock_.now(), batch_size_);
    tx.commit();
    return Batch{deleted, deleted >= batch_size_};
}

}  // namespace firebreak::app
