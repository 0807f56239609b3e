package io.setlist.sql.runs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.LocalDate;

/**
 * Keeps the lease of a running (job, date) alive: a daemon thread renews it every third of the lease time, so a
 * holder that is alive never loses it to one slow heartbeat, and a holder that died (or whose database went away)
 * loses it within one lease time. Closing stops the renewals; the run's end is then recorded by the caller through
 * {@link RunLedger}, which only accepts it from the holder.
 */
public final class RunLease implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunLease.class);

    private final Thread renewer;
    private volatile boolean lost;
    private volatile boolean closed;

    private RunLease(RunLedger ledger, String job, LocalDate date, String runId) {
        long every = Math.max(100, ledger.leaseTime().toMillis() / 3);
        this.renewer = new Thread(() -> renew(ledger, job, date, runId, every), "lease-" + job + "-" + date);
        renewer.setDaemon(true);
    }

    /** Starts renewing the lease that {@code runId} took with {@link RunLedger#begin}. */
    public static RunLease hold(RunLedger ledger, String job, LocalDate date, String runId) {
        RunLease lease = new RunLease(ledger, job, date, runId);
        lease.renewer.start();
        return lease;
    }

    private void renew(RunLedger ledger, String job, LocalDate date, String runId, long everyMillis) {
        while (!closed) {
            try {
                Thread.sleep(everyMillis);
            } catch (InterruptedException e) {
                return;
            }
            if (closed) {
                return;
            }
            try {
                if (!ledger.heartbeat(job, date, runId)) {
                    lost = true;
                    LOG.error("{} for {}: run {} lost its lease (it expired and was taken over); its outcome will "
                            + "not be recorded", job, date, runId);
                    return;
                }
            } catch (RuntimeException e) {
                // The database may be back before the lease runs out; keep trying until then.
                LOG.warn("{} for {}: cannot renew the lease of run {}: {}", job, date, runId, e.getMessage());
            }
        }
    }

    /** Whether a renewal found the lease gone: another run holds the (job, date) now. */
    public boolean lost() {
        return lost;
    }

    @Override
    public void close() {
        closed = true;
        renewer.interrupt();
        try {
            renewer.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
