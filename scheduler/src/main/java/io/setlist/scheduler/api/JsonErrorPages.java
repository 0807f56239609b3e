package io.setlist.scheduler.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Jetty's own error answers (a request Jetty refuses before any route runs: a malformed request line, headers over
 * the size limit, an ambiguous or badly encoded path) in the API's JSON error shape instead of Jetty's HTML page.
 * The detail Jetty had goes to the log (DEBUG: such requests are the client's fault and can be a flood), never
 * into the answer.
 */
final class JsonErrorPages extends ErrorHandler {
    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorPages.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Every method gets the JSON body: Jetty's default writes an error page only for GET, POST and HEAD, and answers
     * a refused PUT, PATCH or DELETE (a literal '{' in its path, say) with an empty 400 and no correlation id.
     */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                 String contentType, List<Charset> charsets, int code,
                                                 String message, Throwable cause) {
        Object attribute = request.getAttribute(RequestGuard.CORRELATION_ATTRIBUTE);
        String id = attribute instanceof String s ? s : RequestGuard.correlationId(null);
        LOG.debug("refused {} {} with {} [{}]: {}", request.getMethod(), request.getHttpURI().getPath(), code, id,
                message, cause);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(RequestGuard.CORRELATION_HEADER, id);
        response.write(true, ByteBuffer.wrap(body(code, id)), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        String id = RequestGuard.correlationId(null);
        LOG.debug("refused a malformed request with {} [{}]: {}", status, id, reason);
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put(RequestGuard.CORRELATION_HEADER, id);
        return ByteBuffer.wrap(body(status, id));
    }

    private static byte[] body(int status, String id) {
        ApiError.Body body = new ApiError.Body(ApiError.codeFor(status), ApiError.messageFor(status), null, null, id);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return ("{\"error\":\"" + body.error() + "\"}").getBytes(StandardCharsets.US_ASCII);
        }
    }
}
