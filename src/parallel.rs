//! Ordered parallel map: many workers, output in input order, bounded memory.
//!
//! A producer (the caller's iterator, run on its own thread) hands batches
//! of items to `threads` workers over a bounded channel; results come back
//! tagged with their batch's index and the sink receives them strictly in
//! order. At most a few batches per worker are in flight, so memory does not grow with
//! the input. With one thread nothing is spawned: the same code runs inline,
//! which is also why `--threads 1` and `--threads N` give identical output.

use std::collections::BTreeMap;
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Mutex};

/// Maps `work` over `items` on `threads` threads and feeds `sink` the results
/// in input order. Stops at the first sink error and returns it.
pub fn ordered_map<I, T, E, W, S>(
    items: impl Iterator<Item = I> + Send,
    threads: usize,
    work: W,
    mut sink: S,
) -> Result<(), E>
where
    I: Send,
    T: Send,
    W: Fn(I) -> T + Sync,
    S: FnMut(T) -> Result<(), E>,
{
    if threads <= 1 {
        for item in items {
            sink(work(item))?;
        }
        return Ok(());
    }
    // Items travel in batches: one channel operation per batch, not per
    // item, so small articles do not turn the channels into the bottleneck.
    let depth = threads * 2;
    let mut items = items.peekable();
    let batches = std::iter::from_fn(move || {
        let batch: Vec<I> = items.by_ref().take(BATCH).collect();
        (!batch.is_empty()).then_some(batch)
    });
    std::thread::scope(|scope| {
        let (item_tx, item_rx) = sync_channel::<(usize, Vec<I>)>(depth);
        let (result_tx, result_rx) = sync_channel::<(usize, Vec<T>)>(depth);
        let item_rx = Arc::new(Mutex::new(item_rx));
        scope.spawn(move || {
            for pair in batches.enumerate() {
                if item_tx.send(pair).is_err() {
                    break; // the sink stopped early
                }
            }
        });
        for _ in 0..threads {
            let item_rx = Arc::clone(&item_rx);
            let result_tx = result_tx.clone();
            let work = &work;
            scope.spawn(move || {
                while let Some((index, batch)) = next(&item_rx) {
                    let results = batch.into_iter().map(work).collect();
                    if result_tx.send((index, results)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(result_tx);
        // Batches arrive out of order; hold them until their turn.
        let mut pending = BTreeMap::new();
        let mut next_index = 0;
        for (index, results) in result_rx {
            pending.insert(index, results);
            while let Some(results) = pending.remove(&next_index) {
                for result in results {
                    sink(result)?;
                }
                next_index += 1;
            }
        }
        Ok(())
    })
}

/// Items per batch.
const BATCH: usize = 32;

fn next<B>(rx: &Mutex<Receiver<(usize, B)>>) -> Option<(usize, B)> {
    // A poisoned lock means another worker panicked; stop taking work.
    rx.lock().ok()?.recv().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_input_order_on_many_threads() {
        for threads in [1, 2, 7] {
            let mut out = Vec::new();
            let result: Result<(), ()> = ordered_map(
                0..1000u64,
                threads,
                |x| {
                    // Uneven work so results finish out of order.
                    (0..(x % 13) * 100).fold(x, |a, b| a.wrapping_add(b))
                        - (0..(x % 13) * 100).sum::<u64>()
                },
                |x| {
                    out.push(x);
                    Ok(())
                },
            );
            assert!(result.is_ok());
            assert_eq!(out, (0..1000).collect::<Vec<_>>(), "threads={threads}");
        }
    }

    #[test]
    fn sink_error_stops_early() {
        let mut seen = 0;
        let result = ordered_map(
            0..10_000u32,
            3,
            |x| x,
            |x| {
                seen += 1;
                if x == 5 { Err(x) } else { Ok(()) }
            },
        );
        assert_eq!(result, Err(5));
        assert_eq!(seen, 6);
    }
}
