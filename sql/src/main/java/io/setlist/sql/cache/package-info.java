/** The cache priority lists of each business date. */
package io.setlist.sql.cache;
