/** Stored API keys (SHA-256 only). */
package io.setlist.sql.keys;
