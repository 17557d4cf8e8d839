package dev.gregor.testkit.internal;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;

/**
 * Builds the broker's error response to a request, correct for its API and version, from Kafka's own request
 * classes: the {@code kafka-clients} jar of the broker runtime, loaded in a class loader of its own. The testkit
 * thus needs no {@code kafka-clients} on the class path of the code under test (a user's own copy, of whatever
 * version, never meets ours), and the responses are exactly those of the broker the cluster runs.
 */
public final class ErrorResponses {

    private static volatile ErrorResponses instance;

    private final Method parseHeader;
    private final Method headerApiKey;
    private final Method headerVersion;
    private final Method toResponseHeader;
    private final Method responseHeaderVersion;
    private final Method parseRequest;
    private final Field parsedRequest;
    private final java.lang.reflect.Constructor<?> readable;
    private final Method errorForCode;
    private final Method errorCode;
    private final Method errorException;
    private final Method errorResponse;
    private final Method data;
    private final Method serialize;

    private ErrorResponses(ClassLoader kafka) throws ReflectiveOperationException {
        Class<?> apiKeys = kafka.loadClass("org.apache.kafka.common.protocol.ApiKeys");
        Class<?> message = kafka.loadClass("org.apache.kafka.common.protocol.Message");
        Class<?> requestHeader = kafka.loadClass("org.apache.kafka.common.requests.RequestHeader");
        Class<?> request = kafka.loadClass("org.apache.kafka.common.requests.AbstractRequest");
        Class<?> errors = kafka.loadClass("org.apache.kafka.common.protocol.Errors");
        parseHeader = requestHeader.getMethod("parse", ByteBuffer.class);
        headerApiKey = requestHeader.getMethod("apiKey");
        headerVersion = requestHeader.getMethod("apiVersion");
        toResponseHeader = requestHeader.getMethod("toResponseHeader");
        responseHeaderVersion = kafka.loadClass("org.apache.kafka.common.requests.ResponseHeader").getMethod("headerVersion");
        parseRequest = request.getMethod("parseRequest", apiKeys, short.class,
                kafka.loadClass("org.apache.kafka.common.protocol.Readable"));
        parsedRequest = kafka.loadClass("org.apache.kafka.common.requests.RequestAndSize").getField("request");
        readable = kafka.loadClass("org.apache.kafka.common.protocol.ByteBufferAccessor").getConstructor(ByteBuffer.class);
        errorForCode = errors.getMethod("forCode", short.class);
        errorCode = errors.getMethod("code");
        errorException = errors.getMethod("exception");
        errorResponse = request.getMethod("getErrorResponse", int.class, Throwable.class);
        data = kafka.loadClass("org.apache.kafka.common.requests.AbstractRequestResponse").getMethod("data");
        serialize = kafka.loadClass("org.apache.kafka.common.requests.RequestUtils")
                .getMethod("serialize", message, short.class, message, short.class);
    }

    /** The builder of this JVM, loading Kafka's classes on first use. */
    public static ErrorResponses get() {
        ErrorResponses responses = instance;
        if (responses == null) {
            synchronized (ErrorResponses.class) {
                responses = instance;
                if (responses == null) {
                    responses = load();
                    instance = responses;
                }
            }
        }
        return responses;
    }

    /** Fails unless {@code code} is one of Kafka's error codes other than 0 (no error). */
    public void checkErrorCode(int code) {
        try {
            if (code == 0 || code != (short) code
                    || (short) errorCode.invoke(errorForCode.invoke(null, (short) code)) != code) {
                throw new IllegalArgumentException("Kafka has no error code " + code
                        + "; use one of org.apache.kafka.common.protocol.Errors other than NONE (0)");
            }
        } catch (ReflectiveOperationException e) {
            throw broken(e);
        }
    }

    /** The response frame (length prefix included) that answers the request {@code frame} with error {@code code}. */
    byte[] answer(byte[] frame, int code) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(frame, 4, frame.length - 4).slice();
            Object header = parseHeader.invoke(null, buffer);
            short version = (short) headerVersion.invoke(header);
            Object request = parsedRequest.get(parseRequest.invoke(null, headerApiKey.invoke(header), version,
                    readable.newInstance(buffer)));
            Throwable error = (Throwable) errorException.invoke(errorForCode.invoke(null, (short) code));
            Object response = errorResponse.invoke(request, 0, error);
            Object responseHeader = toResponseHeader.invoke(header);
            ByteBuffer body = (ByteBuffer) serialize.invoke(null, data.invoke(responseHeader),
                    responseHeaderVersion.invoke(responseHeader), data.invoke(response), version);
            byte[] answer = new byte[4 + body.remaining()];
            ByteBuffer.wrap(answer).putInt(body.remaining()).put(body);
            return answer;
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Kafka could not build error " + code + " for this request: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw broken(e);
        }
    }

    private static ErrorResponses load() {
        try {
            URL jar = BrokerRuntime.get().library("kafka-clients-").toUri().toURL();
            return new ErrorResponses(new URLClassLoader(new URL[] {jar}, new Slf4jOnly()));
        } catch (MalformedURLException | ReflectiveOperationException e) {
            throw broken(e);
        }
    }

    private static IllegalStateException broken(Exception e) {
        return new IllegalStateException("The broker runtime's kafka-clients does not have the request classes the"
                + " testkit's proxy uses (" + e + "); gregor-testkit-broker does not match gregor-testkit", e);
    }

    /** Lends Kafka's classes our SLF4J, so that they log where the test logs; nothing else of ours. */
    private static final class Slf4jOnly extends ClassLoader {

        Slf4jOnly() {
            super(ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (name.startsWith("org.slf4j.")) {
                return ErrorResponses.class.getClassLoader().loadClass(name);
            }
            throw new ClassNotFoundException(name);
        }
    }
}
