#pragma once
// Deletes platform dedupe keys once they have expired, a bounded batch per transaction.

#include "firebreak/app/clock.hpp"

namespace firebreak::store {
class Store;
}  // namespace firebreak::store

namespace firebreak::app {

/// An expired key only takes space: a request whose key has expired counts as new anyway.
/// Each batch is one short write transaction, so a command waits at most one batch for the
/// write lock however many keys have piled up.
class DedupeJanitor {
  public:
    static constexpr int kBatchSize = 1000;

    struct Batch {
        int deleted = 0;
        bool full = false;  ///< deleted == batch size: more keys may have expired
    };

    /// `store` and `clock` must outlive it. `batch_size` is at least 1.
    DedupeJanitor(store::Store& store, const Clock& clock, int batch_size = kBatchSize);

    /// Deletes at most the batch size of keys expired at clock.now() (oldest expiry first)
    /// in one transaction. Throws what the store throws; that batch is then not deleted.
    Batch forget_batch();

  private:
    store::Store& store_;
    const Clock& clock_;
    int batch_size_;
};

}  // namespace firebreak::app
