package io.setlist.scheduler.api;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The servlet filter every request passes before Javalin sees it.
 *
 * <ul>
 *   <li>Gives the request its correlation id: the caller's {@code X-Correlation-Id} when it is 8..64 characters of
 *       {@code [A-Za-z0-9._-]} (safe to log, so one id can follow a request across services), else a fresh random
 *       one. The answer carries it in {@code X-Correlation-Id}, an error body in {@code correlationId}, and the log
 *       line of a failure names it.</li>
 *   <li>Hides the method-override headers ({@code X-HTTP-Method-Override}, {@code X-HTTP-Method},
 *       {@code X-Method-Override}): Javalin would otherwise route a GET as whatever the header says, past what a
 *       proxy or firewall in front saw. The method on the request line is the method.</li>
 * </ul>
 */
final class RequestGuard implements Filter {
    static final String CORRELATION_HEADER = "X-Correlation-Id";
    static final String CORRELATION_ATTRIBUTE = "setlist.correlationId";
    private static final Set<String> OVERRIDES = Set.of("x-http-method-override", "x-http-method",
            "x-method-override");

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String id = correlationId(http.getHeader(CORRELATION_HEADER));
        http.setAttribute(CORRELATION_ATTRIBUTE, id);
        ((HttpServletResponse) response).setHeader(CORRELATION_HEADER, id);
        chain.doFilter(new WithoutMethodOverride(http), response);
    }

    static String correlationId(String offered) {
        if (offered != null && offered.length() >= 8 && offered.length() <= 64
                && offered.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_'
                || c == '-'))) {
            return offered;
        }
        return String.format("%016x", ThreadLocalRandom.current().nextLong());
    }

    private static final class WithoutMethodOverride extends HttpServletRequestWrapper {
        WithoutMethodOverride(HttpServletRequest request) {
            super(request);
        }

        private static boolean hidden(String name) {
            return name != null && OVERRIDES.contains(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String getHeader(String name) {
            return hidden(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(n -> !hidden(n)).toList());
        }
    }
}
