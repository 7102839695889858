package dev.lanes.network.train;

import java.util.concurrent.locks.LockSupport;

/**
 * A thread of the trainer's own that runs one task at a time while the trainer does something else: gathering the
 * next mini-batch ({@link Trainer}: 100 random rows of 784 pixels wait on memory for 24-28 us of a 135-160 us step
 * on the 2-core Xeon, time the products cannot use; later epochs of the reference run went from 544,000-589,000 to
 * 655,000-674,000 examples/s), or a share of a batch's chunks ({@link DataParallelStep}). The tasks are tens of
 * microseconds long and come once per step, so {@link #await} spins, and the thread spins for a while before it
 * parks: waking a parked thread costs about as much as a task.
 */
final class HelperThread implements AutoCloseable {
    private final Thread thread;
    private volatile Runnable task;
    private volatile boolean busy;
    private volatile boolean closed;
    /** Spins before parking: about 70 microseconds, longer than the element-wise work between two tasks. */
    private static final int SPINS = 1 << 11;

    private volatile Throwable failure;

    HelperThread(String name) {
        thread = new Thread(this::serve, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts {@code work} on this thread; the previous task must have been awaited. */
    void start(Runnable work) {
        busy = true;
        task = work;
        LockSupport.unpark(thread);
    }

    /** Waits for the task started last, and rethrows what it threw. */
    void await() {
        for (int spins = 0; busy; spins++) {
            if (spins < SPINS) {
                Thread.onSpinWait();
            } else {
                // a machine busier than its cores: let the helper have this one
                Thread.yield();
            }
        }
        Throwable e = failure;
        if (e != null) {
            failure = null;
            if (e instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) e;
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }

    private void serve() {
        int idle = 0;
        while (!closed) {
            Runnable t = task;
            if (t == null) {
                if (++idle < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
                continue;
            }
            idle = 0;
            task = null;
            try {
                t.run();
            } catch (RuntimeException | Error e) {
                failure = e;
            } finally {
                busy = false;
            }
        }
    }
}
