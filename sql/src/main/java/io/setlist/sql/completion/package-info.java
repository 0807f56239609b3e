/** Completion data in the warehouse: the listening window for features and the per-track completion table. */
package io.setlist.sql.completion;
