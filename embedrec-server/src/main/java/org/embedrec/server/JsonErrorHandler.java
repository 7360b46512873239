package org.embedrec.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.embedrec.server.Payloads.ErrorBody;

/**
 * Jetty's own error answers, for requests it refuses before any route runs (an undecodable or
 * ambiguous path such as {@code %00}, a URL or headers over the size limits), as the same JSON
 * {@code {"status", "error"}} the routes give instead of Jetty's HTML page. The message is Jetty's
 * short reason, shortened, never the request's text or a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {
    private final ObjectMapper mapper;

    JsonErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true; // Every method gets a JSON body, not only GET and POST.
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) throws IOException {
        byte[] body = body(code, message);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, EmbedrecServer.JSON);
        response.getHeaders().put(EmbedrecServer.NOSNIFF_HEADER, EmbedrecServer.NOSNIFF);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, EmbedrecServer.JSON);
        fields.put(EmbedrecServer.NOSNIFF_HEADER, EmbedrecServer.NOSNIFF);
        return ByteBuffer.wrap(body(status, reason));
    }

    private byte[] body(int status, String reason) {
        String standard = HttpStatus.getMessage(status);
        String message = reason == null || reason.isBlank() || reason.equals(standard) ? standard
                : standard + ": " + Requests.abbreviate(reason);
        try {
            return mapper.writeValueAsBytes(new ErrorBody(status, message, null, null));
        } catch (JsonProcessingException e) {
            return ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        }
    }
}
