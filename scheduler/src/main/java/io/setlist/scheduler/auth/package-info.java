/** API keys, their scopes and per-key rate limits. */
package io.setlist.scheduler.auth;
