/** COPY-based bulk writes, and the replace-one-date pattern stage outputs use. */
package io.setlist.sql.copy;
