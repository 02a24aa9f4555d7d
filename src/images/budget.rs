//! Budgets that keep a burst of uploads from exhausting the server: the
//! bytes of uploads being received at once by all requests together, and
//! the memory all decodes together may use.

use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore, SemaphorePermit};

/// The in-flight budget is counted in KiB, so one chunk never needs more
/// permits than a semaphore hands out at once.
const BUDGET_UNIT: usize = 1024;

/// The upload budget has no room for more bytes now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the server is receiving as many upload bytes as it allows at once")]
pub struct BudgetFull;

/// The bytes of uploads being received at once, by all requests together.
#[derive(Debug, Clone)]
pub struct UploadBudget {
    permits: Arc<Semaphore>,
}

impl UploadBudget {
    /// A budget of `bytes`.
    pub fn new(bytes: u64) -> Self {
        let units = usize::try_from(bytes / BUDGET_UNIT as u64)
            .unwrap_or(usize::MAX)
            .clamp(1, Semaphore::MAX_PERMITS);
        Self {
            permits: Arc::new(Semaphore::new(units)),
        }
    }

    /// Takes `bytes` more for `held`, or says the server is full.
    pub fn take(
        &self,
        held: &mut Option<OwnedSemaphorePermit>,
        bytes: usize,
    ) -> Result<(), BudgetFull> {
        let units = u32::try_from(bytes.div_ceil(BUDGET_UNIT)).map_err(|_| BudgetFull)?;
        let more = self
            .permits
            .clone()
            .try_acquire_many_owned(units)
            .map_err(|_| BudgetFull)?;
        match held {
            Some(permit) => permit.merge(more),
            None => *held = Some(more),
        }
        Ok(())
    }

    /// KiB free now (for tests and the benchmark).
    pub fn free_kib(&self) -> usize {
        self.permits.available_permits()
    }
}

/// The memory all decodes together may use, shared out by each decode's estimate.
#[derive(Debug, Clone)]
pub struct DecodeMemory {
    mib: Arc<Semaphore>,
    total_mib: u32,
}

impl DecodeMemory {
    /// A budget of `bytes`.
    pub fn new(bytes: u64) -> Self {
        let total_mib = u32::try_from((bytes >> 20).max(1)).unwrap_or(u32::MAX >> 3);
        Self {
            mib: Arc::new(Semaphore::new(total_mib as usize)),
            total_mib,
        }
    }

    /// Waits until `bytes` of the budget are free (at most the whole budget,
    /// so one large decode is never refused for the budget alone).
    pub async fn reserve(
        &self,
        bytes: u64,
    ) -> Result<SemaphorePermit<'_>, tokio::sync::AcquireError> {
        let mib = u32::try_from(bytes.div_ceil(1 << 20))
            .unwrap_or(u32::MAX)
            .clamp(1, self.total_mib);
        self.mib.acquire_many(mib).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn decodes_share_one_memory_budget_and_a_huge_one_still_runs_alone() {
        let memory = DecodeMemory::new(100 << 20);
        let first = memory.reserve(60 << 20).await.unwrap();
        // A second 60 MB decode waits for the first.
        let second = tokio::time::timeout(
            std::time::Duration::from_millis(50),
            memory.reserve(60 << 20),
        );
        assert!(second.await.is_err(), "over the total: it waits");
        drop(first);
        let second = memory.reserve(60 << 20).await.unwrap();
        drop(second);
        // More than the whole budget is clamped to it, so it runs when alone.
        let huge = memory.reserve(500 << 20).await.unwrap();
        assert_eq!(memory.mib.available_permits(), 0);
        drop(huge);
        assert_eq!(memory.mib.available_permits(), 100);
    }

    #[test]
    fn the_in_flight_budget_refuses_past_its_size_and_takes_back_what_is_dropped() {
        let budget = UploadBudget::new(10 * 1024);
        let mut held = None;
        assert!(budget.take(&mut held, 6 * 1024).is_ok());
        assert!(budget.take(&mut held, 6 * 1024).is_err());
        assert!(budget.take(&mut held, 4 * 1024).is_ok());
        assert_eq!(budget.free_kib(), 0);
        drop(held);
        assert_eq!(budget.free_kib(), 10);
    }
}
