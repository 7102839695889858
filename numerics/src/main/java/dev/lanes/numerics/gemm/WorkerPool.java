package dev.lanes.numerics.gemm;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * Persistent daemon workers for splitting one product among threads. Threads are started once (lazily, up to
 * the largest count asked for) and then reused: a call hands its tasks over through a volatile field and
 * {@code unpark}, with no thread creation or executor queue on the way.
 *
 * <p>Workers and the waiting caller spin briefly before parking, because a training loop issues products a few
 * microseconds apart and a park/unpark round trip costs about as much as a small product. Only one product uses
 * the workers at a time; a concurrent caller runs its tasks itself, which gives the same result since the split
 * does not depend on who runs a task.
 */
public final class WorkerPool {
    /**
     * How long a worker or the waiting caller spins before parking: enough to bridge the element-wise work between
     * the products of a training step (10-30 us in the 784-50-10 step) without burning a shared core for long. It is
     * a time rather than a count of {@code onSpinWait} calls, whose length depends on the processor: 2^11
     * calls, calibrated to 70 us on one machine, lasted 35 us on the 2-core AVX-512 one, where the worker then often
     * parked between products, and two threads trained at one thread's speed for whole epochs.
     */
    private static final long SPIN_NANOS = 150_000;

    /** Spins between looks at the clock. */
    private static final int SPINS_PER_LOOK = 64;

    private static final ReentrantLock LOCK = new ReentrantLock();
    private static Worker[] workers = new Worker[0];

    private WorkerPool() {}

    /**
     * Runs {@code body} for every task index in {@code [0, tasks)} on the caller and up to {@code threads - 1}
     * workers, and returns when all have finished.
     */
    public static void run(int tasks, int threads, IntConsumer body) {
        if (tasks <= 1 || !LOCK.tryLock()) {
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
            return;
        }
        try {
            Job job = new Job(tasks, body, Thread.currentThread());
            Worker[] helpers = helpers(Math.min(tasks, threads) - 1);
            for (Worker w : helpers) {
                w.assigned = job;
                LockSupport.unpark(w);
            }
            job.work();
            job.await();
        } finally {
            LOCK.unlock();
        }
    }

    private static Worker[] helpers(int count) {
        if (workers.length < count) {
            int old = workers.length;
            workers = Arrays.copyOf(workers, count);
            for (int i = old; i < count; i++) {
                workers[i] = new Worker(i + 1);
                workers[i].start();
            }
        }
        return workers.length == count ? workers : Arrays.copyOf(workers, count);
    }

    /** One product's tasks, claimed dynamically by the caller and the workers. */
    private static final class Job {
        private final int tasks;
        private final IntConsumer body;
        private final Thread caller;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private volatile Throwable failure;

        Job(int tasks, IntConsumer body, Thread caller) {
            this.tasks = tasks;
            this.body = body;
            this.caller = caller;
        }

        void work() {
            for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
                try {
                    body.accept(t);
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    if (done.incrementAndGet() == tasks) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }

        void await() {
            long parkAt = System.nanoTime() + SPIN_NANOS;
            for (int spins = 1; done.get() < tasks; spins++) {
                if (spins % SPINS_PER_LOOK != 0 || System.nanoTime() < parkAt) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            Throwable e = failure;
            if (e instanceof RuntimeException) {
                throw (RuntimeException) e;
            }
            if (e instanceof Error) {
                throw (Error) e;
            }
            if (e != null) {
                throw new IllegalStateException("gemm worker failed", e);
            }
        }
    }

    private static final class Worker extends Thread {
        volatile Job assigned;

        Worker(int index) {
            super("lanes-gemm-" + index);
            setDaemon(true);
        }

        @Override
        public void run() {
            Job last = null;
            while (true) {
                Job job = assigned;
                long parkAt = System.nanoTime() + SPIN_NANOS;
                for (int spins = 1; job == last; spins++, job = assigned) {
                    if (spins % SPINS_PER_LOOK != 0 || System.nanoTime() < parkAt) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                }
                last = job;
                job.work();
            }
        }
    }
}
