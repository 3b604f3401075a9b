package org.smtprc.confirmation;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupCommitTest {

    @Test
    void aLoneItemIsCommittedAtOnceInABatchOfItsOwn() throws InterruptedException {
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer, String> commit = new GroupCommit<>(8, batch -> {
            batches.add(batch);
            return batch.stream().map(i -> "judged " + i).toList();
        });

        assertThat(commit.submit(7)).contains("judged 7");
        assertThat(batches).containsExactly(List.of(7));
    }

    @Test
    void itemsThatArriveDuringACommitShareTheNextOneAndEachGetsItsOwnResult() throws Exception {
        CountDownLatch firstCommitting = new CountDownLatch(1);
        CountDownLatch othersWaiting = new CountDownLatch(1);
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(4, batch -> {
            batches.add(batch);
            if (batches.size() == 1) {
                firstCommitting.countDown();
                await(othersWaiting);
            }
            return batch.stream().map(i -> i * 10).toList();
        });
        try (ExecutorService threads = Executors.newFixedThreadPool(7)) {
            Future<Optional<Integer>> first = threads.submit(() -> commit.submit(0));
            assertThat(firstCommitting.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<Optional<Integer>>> later = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                int item = i;
                later.add(threads.submit(() -> commit.submit(item)));
            }
            waitUntilWaiting(commit, 6);
            othersWaiting.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).contains(0);
            for (int i = 1; i <= 6; i++) {
                assertThat(later.get(i - 1).get(10, TimeUnit.SECONDS)).contains(i * 10);
            }
        }
        assertThat(batches).hasSize(3);
        assertThat(batches.get(0)).containsExactly(0);
        assertThat(batches.get(1)).as("at most maxBatch items together").hasSize(4);
        assertThat(batches.get(2)).hasSize(2);
        assertThat(commit.counts()).isEqualTo(new GroupCommit.Counts(3, 7));
    }

    @Test
    void aFailedBatchGivesEveryItemBackEmptyAndTheNextBatchStillCommits() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(4, batch -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("unique key violated by one of them");
            }
            return batch;
        });

        assertThat(commit.submit(1)).as("do it alone").isEmpty();
        assertThat(commit.submit(2)).contains(2);
    }

    @Test
    void aBatchThatAnswersForTooFewItemsCountsAsFailed() throws InterruptedException {
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(4, batch -> List.of());

        assertThat(commit.submit(1)).isEmpty();
    }

    @Test
    void aBatchHoldsAtLeastOneItem() {
        assertThatThrownBy(() -> new GroupCommit<Integer, Integer>(0, batch -> batch))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
    }

    /** Until {@code n} submitters wait behind the running commit (they queue before the latch is released). */
    private static void waitUntilWaiting(GroupCommit<Integer, Integer> commit, int n)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (commit.waiting() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(commit.waiting()).isEqualTo(n);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
