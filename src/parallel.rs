//! Ordered parallel map: many workers, output in input order, bounded memory.
//!
//! `threads` workers take batches of items from the caller's iterator in
//! turn (under a lock, so each batch is read on the core that works on
//! it); results come back tagged with their batch's index and the sink
//! receives them strictly in order. No batch is taken more than a fixed
//! window ahead of the oldest batch the sink has not received, so one slow
//! article holds back the run instead of letting results pile up behind
//! it: at most `window` batches exist at any time, whatever the input. With one thread
//! nothing is spawned: the same code runs inline, which is also why
//! `--threads 1` and `--threads N` give identical output.

use std::collections::BTreeMap;
use std::sync::mpsc::sync_channel;
use std::sync::{Condvar, Mutex};

/// Maps `work` over `items` on `threads` threads and feeds `sink` the results
/// in input order. Stops at the first sink error and returns it.
pub fn ordered_map<I, T, E, W, S>(
    items: impl Iterator<Item = I> + Send,
    threads: usize,
    work: W,
    sink: S,
) -> Result<(), E>
where
    I: Send,
    T: Send,
    W: Fn(I) -> T + Sync,
    S: FnMut(T) -> Result<(), E>,
{
    ordered_map_counted(items, threads, |_| 0, work, sink).0
}

/// [`ordered_map`] for items of very different sizes: a batch also ends
/// once its items' `size` (in bytes, say) adds up to [`BATCH_BYTES`], so
/// the memory in flight is bounded by bytes, not only by items.
pub fn ordered_map_sized<I, T, E, W, S>(
    items: impl Iterator<Item = I> + Send,
    threads: usize,
    size: impl Fn(&I) -> usize + Send,
    work: W,
    sink: S,
) -> Result<(), E>
where
    I: Send,
    T: Send,
    W: Fn(I) -> T + Sync,
    S: FnMut(T) -> Result<(), E>,
{
    ordered_map_counted(items, threads, size, work, sink).0
}

/// What a run of [`ordered_map`] held at its fullest.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Held {
    /// Most batches finished but waiting for an earlier one.
    pub waiting: usize,
    /// The window: most batches started but not yet received by the sink.
    pub window: usize,
}

/// [`ordered_map`], also saying how many batches it held at most (for tests
/// of the memory bound).
pub fn ordered_map_counted<I, T, E, W, S>(
    items: impl Iterator<Item = I> + Send,
    threads: usize,
    size: impl Fn(&I) -> usize + Send,
    work: W,
    mut sink: S,
) -> (Result<(), E>, Held)
where
    I: Send,
    T: Send,
    W: Fn(I) -> T + Sync,
    S: FnMut(T) -> Result<(), E>,
{
    if threads <= 1 {
        for item in items {
            if let Err(e) = sink(work(item)) {
                return (Err(e), Held::default());
            }
        }
        return (Ok(()), Held::default());
    }
    // Items travel in batches: one channel operation per batch, not per
    // item, so small articles do not turn the channels into the bottleneck.
    let depth = threads * 2;
    let window = threads * 4;
    let batches = batches(items, size);
    // The next batch the sink will receive, whether the sink has stopped,
    // and whether a worker waits to take a batch; it waits on it to stay
    // within the window.
    let gate = Gate::default();
    let mut held = Held { waiting: 0, window };
    // The workers take batches from the input themselves, in turn: a batch
    // is read on the core that analyses it, with no thread between them
    // handing it over.
    let source = Mutex::new((batches, 0usize));
    let result = std::thread::scope(|scope| {
        let (result_tx, result_rx) = sync_channel::<(usize, Vec<T>)>(depth);
        let gate = &gate;
        let source = &source;
        for _ in 0..threads {
            let result_tx = result_tx.clone();
            let work = &work;
            scope.spawn(move || {
                while let Some((index, batch)) = take(source, gate, window) {
                    // A panic in `work` would leave its batch missing and
                    // everyone waiting for it: stop the run instead, and
                    // let the scope carry the panic to the caller.
                    let results =
                        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            batch.into_iter().map(work).collect::<Vec<T>>()
                        })) {
                            Ok(results) => results,
                            Err(panic) => {
                                stop(gate);
                                std::panic::resume_unwind(panic);
                            }
                        };
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
        let outcome = (|| {
            for (index, results) in result_rx {
                pending.insert(index, results);
                held.waiting = held.waiting.max(pending.len());
                while let Some(results) = pending.remove(&next_index) {
                    for result in results {
                        sink(result)?;
                    }
                    next_index += 1;
                    advance(gate, next_index, false);
                }
            }
            Ok(())
        })();
        if outcome.is_err() {
            // Wake a waiting worker so it stops instead of waiting for room.
            advance(gate, next_index, true);
        }
        outcome
    });
    (result, held)
}

/// Most items per batch. Fewer, larger batches mean fewer wake-ups of
/// the sink and the workers: 32 cost 5 % of a two-thread run on the BBC
/// archive against 128 (docs/performance.md).
const BATCH: usize = 128;

/// A batch ends once its items' sizes add up to this, so a batch of large
/// articles holds few of them.
pub const BATCH_BYTES: usize = 256 * 1024;

/// `items` in batches of at most [`BATCH`] items, each ending once its
/// items' sizes reach [`BATCH_BYTES`] (the item that reaches it included).
fn batches<I>(
    mut items: impl Iterator<Item = I>,
    size: impl Fn(&I) -> usize,
) -> impl Iterator<Item = Vec<I>> {
    std::iter::from_fn(move || {
        let mut batch = Vec::new();
        let mut bytes = 0usize;
        while batch.len() < BATCH && bytes < BATCH_BYTES {
            let Some(item) = items.next() else { break };
            bytes = bytes.saturating_add(size(&item));
            batch.push(item);
        }
        (!batch.is_empty()).then_some(batch)
    })
}

/// The next batch of the input and its index, once it is within the
/// window; `None` at the end of the input, when the sink has stopped, or
/// when another worker panicked while reading.
fn take<B>(
    source: &Mutex<(impl Iterator<Item = B>, usize)>,
    gate: &Gate,
    window: usize,
) -> Option<(usize, B)> {
    let mut source = source.lock().ok()?;
    let index = source.1;
    // Waiting with the input locked is what the other workers would do
    // anyway; the sink moves the window without taking this lock.
    if !wait_for_room(gate, index, window) {
        return None;
    }
    let batch = source.0.next()?;
    source.1 += 1;
    Some((index, batch))
}

/// The window's state, shared by the workers taking batches and the sink.
#[derive(Default)]
struct Gate {
    state: Mutex<GateState>,
    room: Condvar,
}

#[derive(Default)]
struct GateState {
    /// The next batch the sink needs.
    next: usize,
    /// The sink stopped early.
    stopped: bool,
    /// A worker is asleep waiting for room to take a batch.
    waiting: bool,
}

/// Blocks until batch `index` is within `window` of the next batch the sink
/// needs; false when the sink has stopped.
fn wait_for_room(gate: &Gate, index: usize, window: usize) -> bool {
    let Ok(mut state) = gate.state.lock() else {
        return false;
    };
    while index >= state.next + window && !state.stopped {
        state.waiting = true;
        state = match gate.room.wait(state) {
            Ok(s) => s,
            Err(_) => return false,
        };
    }
    state.waiting = false;
    !state.stopped
}

/// Stops the taking of batches, waiting or not.
fn stop(gate: &Gate) {
    if let Ok(mut state) = gate.state.lock() {
        state.stopped = true;
    }
    gate.room.notify_all();
}

/// Records that the sink now needs batch `next` (or has `stopped`), waking
/// a worker only if one sleeps: a wake-up per batch cost more than the
/// work of small articles.
fn advance(gate: &Gate, next: usize, stopped: bool) {
    if let Ok(mut state) = gate.state.lock() {
        state.next = next;
        state.stopped |= stopped;
        if state.waiting {
            gate.room.notify_one();
        }
    }
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
    fn a_slow_first_item_does_not_let_results_pile_up() {
        // Item 0 is slow; every other item is quick and returns a large
        // result. Without a window the other workers would finish the
        // whole input behind item 0 and hold every result.
        let items = 0..(BATCH * 200);
        let (result, held) = ordered_map_counted(
            items,
            2,
            |_| 0,
            |x| {
                if x == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(300));
                }
                vec![x as u8; 4096]
            },
            |v: Vec<u8>| -> Result<(), ()> {
                assert_eq!(v.len(), 4096);
                Ok(())
            },
        );
        assert!(result.is_ok());
        assert_eq!(held.window, 8);
        assert!(
            held.waiting <= held.window,
            "{} batches waited behind the slow one; the window is {}",
            held.waiting,
            held.window
        );
    }

    #[test]
    fn batches_end_at_their_item_count_or_their_bytes() {
        let sizes = |items: Vec<usize>| -> Vec<usize> {
            batches(items.into_iter(), |&n| n)
                .map(|b| b.len())
                .collect()
        };
        // Small items: full batches, then the rest.
        assert_eq!(sizes(vec![1; 2 * BATCH + 5]), [BATCH, BATCH, 5]);
        // Large items: a batch ends with the item that reaches the budget.
        assert_eq!(sizes(vec![BATCH_BYTES; 3]), [1, 1, 1]);
        assert_eq!(sizes(vec![BATCH_BYTES / 2 + 1; 5]), [2, 2, 1]);
        assert_eq!(sizes(vec![usize::MAX, 1]), [1, 1]);
        assert!(sizes(Vec::new()).is_empty());
    }

    #[test]
    fn a_panicking_worker_ends_the_run_with_its_panic() {
        // Found in review: the missing batch left every thread waiting.
        let run = std::panic::catch_unwind(|| {
            let _: Result<(), ()> = ordered_map(
                0..100_000u32,
                2,
                |x| {
                    assert!(x != 40, "boom");
                    x
                },
                |_| Ok(()),
            );
        });
        assert!(run.is_err(), "the panic reaches the caller");
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
