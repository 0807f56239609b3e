package io.setlist.scheduler.cli;

import io.setlist.sql.load.WorkloadImport;

/** The per-file table an import prints: read = loaded + quarantined (+ events already loaded), always. */
public final class ImportSummary {
    private ImportSummary() {
    }

    public static long print(WorkloadImport.ImportReport report) {
        System.out.printf("%-36s %12s %12s %12s %8s%n", "file", "read", "loaded", "quarantined", "seconds");
        long loaded = 0;
        for (WorkloadImport.FileReport f : report.files()) {
            if (f.skippedAsDuplicate()) {
                System.out.printf("%-36s %s%n", f.file(), "already imported (same SHA-256): skipped");
                continue;
            }
            System.out.printf("%-36s %,12d %,12d %,12d %8.1f%s%n", f.file(), f.read(), f.loaded(), f.quarantined(),
                    f.seconds(), f.alreadyLoaded() == 0 ? ""
                            : String.format("  (%,d events already loaded: skipped)", f.alreadyLoaded()));
            loaded += f.loaded();
        }
        return loaded;
    }
}
