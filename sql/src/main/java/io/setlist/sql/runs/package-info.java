/** The run ledger, published runs and per-run metrics. */
package io.setlist.sql.runs;
