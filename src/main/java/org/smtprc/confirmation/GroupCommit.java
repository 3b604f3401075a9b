package org.smtprc.confirmation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Group commit without a timer: items that threads hand in while a batch is being committed wait for the next
 * batch, which the first of them runs for all (a leader and its followers). Alone, a thread runs a batch of one at
 * once; under load, batches grow to what arrived during the last commit, up to {@code maxBatch}. Each thread gets
 * its own item's result back once the batch that held it has committed, so a caller that acknowledges its item
 * only after {@link #submit} returned keeps at-least-once delivery.
 *
 * <p>A batch that fails gives each of its items back empty: one item's failure must not become its neighbours',
 * so the callers then do their item alone, each with its own handling of failures.
 *
 * @param <T> an item
 * @param <R> its result
 */
public final class GroupCommit<T, R> {

    /** An item and, once its batch has run, its result: empty when that batch failed. */
    private static final class Pending<T, R> {
        final T item;
        Optional<R> result;

        Pending(T item) {
            this.item = item;
        }
    }

    /** Batches committed (or failed) so far, and the items they held: their ratio is the mean batch size. */
    public record Counts(long batches, long items) {
    }

    private final int maxBatch;
    private final Function<List<T>, List<R>> commit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition settled = lock.newCondition();
    private final ArrayDeque<Pending<T, R>> waiting = new ArrayDeque<>();
    private boolean committing;
    private long batches;
    private long items;

    /**
     * @param maxBatch the most items in one batch (1: every item alone)
     * @param commit   judges and commits a batch, returning one result per item in order; may throw
     */
    public GroupCommit(int maxBatch, Function<List<T>, List<R>> commit) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("a batch holds at least one item, not " + maxBatch);
        }
        this.maxBatch = maxBatch;
        this.commit = commit;
    }

    /** The item's result once its batch committed; empty if that batch failed (then do the item alone). */
    public Optional<R> submit(T item) throws InterruptedException {
        Pending<T, R> mine = new Pending<>(item);
        lock.lock();
        try {
            waiting.add(mine);
            while (mine.result == null) {
                if (committing) {
                    try {
                        settled.await();
                    } catch (InterruptedException interrupted) {
                        waiting.remove(mine); // not yet taken: no batch runs it for nobody
                        throw interrupted;
                    }
                    continue;
                }
                List<Pending<T, R>> batch = take();
                committing = true;
                lock.unlock();
                List<Optional<R>> results = null;
                try {
                    results = run(batch);
                } finally { // even after an Error, so that no follower waits for ever
                    lock.lock();
                    for (int i = 0; i < batch.size(); i++) {
                        batch.get(i).result = results == null ? Optional.empty() : results.get(i);
                    }
                    committing = false;
                    batches++;
                    items += batch.size();
                    settled.signalAll();
                }
            }
            return mine.result;
        } finally {
            lock.unlock();
        }
    }

    /** Batches committed (or failed) so far, and the items they held. */
    public Counts counts() {
        lock.lock();
        try {
            return new Counts(batches, items);
        } finally {
            lock.unlock();
        }
    }

    /** Items waiting for a batch now. */
    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    private List<Pending<T, R>> take() {
        List<Pending<T, R>> batch = new ArrayList<>(Math.min(maxBatch, waiting.size()));
        while (batch.size() < maxBatch && !waiting.isEmpty()) {
            batch.add(waiting.poll());
        }
        return batch;
    }

    /** Runs the batch (outside the lock): one result per item, each empty if the batch failed. */
    private List<Optional<R>> run(List<Pending<T, R>> batch) {
        List<R> results;
        try {
            results = commit.apply(batch.stream().map(pending -> pending.item).toList());
        } catch (RuntimeException | StackOverflowError failure) {
            results = null;
        }
        boolean whole = results != null && results.size() == batch.size();
        List<Optional<R>> outcomes = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            outcomes.add(whole ? Optional.ofNullable(results.get(i)) : Optional.empty());
        }
        return outcomes;
    }
}
