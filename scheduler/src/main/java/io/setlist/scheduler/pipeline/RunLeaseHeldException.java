package io.setlist.scheduler.pipeline;

import io.setlist.sql.runs.RunLedger;

import java.time.LocalDate;

/** Another run holds the lease of this (job, date): it is running now, here or on another node. */
public final class RunLeaseHeldException extends IllegalStateException {
    private final String job;
    private final LocalDate date;
    private final RunLedger.Entry holder;

    public RunLeaseHeldException(String job, LocalDate date, RunLedger.Entry holder) {
        super(job + " for " + date + " is already running" + (holder == null ? ""
                : " (run " + holder.runId() + " on " + holder.node() + ", started " + holder.startedAt()
                + (holder.leaseExpiresAt() == null ? "" : ", lease until " + holder.leaseExpiresAt()) + ")")
                + "; one run of a job and date at a time: wait for it to end (./setlist runs --job " + job
                + "), or, if its node died, until its lease expires");
        this.job = job;
        this.date = date;
        this.holder = holder;
    }

    /** The holder's ledger row when it was refused, or null if it ended meanwhile. */
    public RunLedger.Entry holder() {
        return holder;
    }

    public String job() {
        return job;
    }

    public LocalDate date() {
        return date;
    }
}
