/** Imports: one reading per external format (rules, rejects), COPY into staging or straight into plays, quarantine. */
package io.setlist.sql.load;
