/** The prediction log of served completion predictions, and the catalogue keys it names. */
package io.setlist.sql.predictions;
