package dev.gregor.internal.protocol.message;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gregor.internal.protocol.DecoderInvariants;
import dev.gregor.internal.protocol.FuzzRate;
import dev.gregor.internal.protocol.MalformedMessageException;
import dev.gregor.internal.protocol.Mutation;
import dev.gregor.internal.protocol.ProtocolMessage;
import dev.gregor.internal.protocol.generator.MessageSpec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes every generated response decoder at every version the client can negotiate: each try takes, for every API,
 * a random valid response (our own encoder's bytes, header included), spoils it with a {@link Mutation} and decodes
 * it the way the network layer does. Decoding must succeed or fail with a {@link MalformedMessageException} that names
 * the response and the field, must release what it retained, must allocate at most {@value #BYTES_PER_FRAME_BYTE}
 * bytes per frame byte (plus {@value #FIXED_ALLOWANCE} for the exception), and must finish within a second
 * ({@link DecoderInvariants}). The number of tries
 * (= cases per decoder) is {@code jqwik.tries.default}, which the build sets from {@code gregor.fuzz.tries}.
 */
class ResponseDecoderFuzzTest {

    /** Allocation allowed per byte of frame: a decoded one-byte field can cost an object and a reference. */
    static final int BYTES_PER_FRAME_BYTE = 64;
    /** Allocation allowed on top: the exception, its stack trace and message. */
    static final int FIXED_ALLOWANCE = 32 * 1024;
    private static final int SAMPLES_PER_VERSION = 4;
    private static final Map<ApiKey, List<byte[]>[]> VALID = validResponses();
    /** Compiled once per API, not again for every decoded frame. */
    private static final Map<ApiKey, Pattern> NAMES = namesOfEveryResponseAndField();
    private static final FuzzRate RATE = new FuzzRate("response decoders", ApiKey.values().length);
    private static final ThreadLocal<Boolean> WARM = ThreadLocal.withInitial(() -> false);

    @Property
    void everyResponseDecoderReadsOrRejectsSpoiledBytes(@ForAll long seed, @ForAll Mutation mutation) {
        if (!WARM.get()) {
            warmUp();
            WARM.set(true);
        }
        RATE.tried();
        Random random = new Random(seed);
        for (ApiKey api : ApiKey.values()) {
            List<byte[]>[] byVersion = VALID.get(api);
            short version = (short) (api.lowestVersion() + random.nextInt(byVersion.length));
            List<byte[]> samples = byVersion[version - api.lowestVersion()];
            byte[] frame = mutation.apply(samples.get(random.nextInt(samples.size())), random);
            decodeOrReject(api, version, frame, "seed " + seed + ", " + mutation);
        }
    }

    @Test
    void aHugeArrayCountInATinyFrameFailsBeforeAllocating() {
        // ApiVersions v0: correlation id, error code, then an api-keys count of 2^31 - 1 with no bytes after it.
        byte[] frame = ByteBuffer.allocate(10).putInt(7).putShort((short) 0).putInt(Integer.MAX_VALUE).array();

        decodeOrReject(ApiKey.API_VERSIONS, (short) 0, frame, "pinned");
        assertThatThrownBy(() -> ApiVersionsResponse.read(Unpooled.wrappedBuffer(frame, 4, 6), (short) 0))
                .hasMessage("Malformed ApiVersionsResponse.ApiKeys: length 2147483647 exceeds the 0 bytes left");
    }

    @AfterContainer
    static void printRate() {
        RATE.print();
    }

    /** Decodes {@code frame} as a response of {@code api}, as the network layer does, and checks the invariants. */
    static void decodeOrReject(ApiKey api, short version, byte[] frame, String fuzzCase) {
        Supplier<String> what = () -> api.title() + " v" + version + " response (" + fuzzCase + ", " + frame.length
                + " bytes " + ByteBufUtil.hexDump(frame) + ")";
        Pattern names = NAMES.get(api);
        DecoderInvariants.check(() -> {
            ByteBuf in = Unpooled.wrappedBuffer(frame);
            try {
                ResponseHeader.read(in, api.responseHeaderVersion(version));
                api.readResponse(in, version).release();
            } finally {
                if (in.refCnt() != 1) {
                    throw new AssertionError(what.get() + ": records slices left retained, refCnt " + in.refCnt());
                }
            }
        }, failure -> failure instanceof MalformedMessageException && names.matcher(failure.getMessage()).matches(),
                (long) BYTES_PER_FRAME_BYTE * frame.length + FIXED_ALLOWANCE, what);
    }

    /** For each API, what a clean failure's message looks like: it names the response (or its header) and the field. */
    private static Map<ApiKey, Pattern> namesOfEveryResponseAndField() {
        Map<ApiKey, Pattern> names = new EnumMap<>(ApiKey.class);
        for (ApiKey api : ApiKey.values()) {
            names.put(api, Pattern.compile("Malformed (ResponseHeader|" + api.title()
                    + "Response)(\\.\\w+)*(\\.\\w+| tagged fields): .+", Pattern.DOTALL));
        }
        return names;
    }

    /**
     * Runs every decoder on every kind of input once in this thread, so that class loading, first-call linkage and
     * per-thread caches (Netty's string decoding) are not counted against the first cases.
     */
    private static void warmUp() {
        Random random = new Random(7);
        VALID.forEach((api, byVersion) -> {
            for (int index = 0; index < byVersion.length; index++) {
                short version = (short) (api.lowestVersion() + index);
                for (Mutation mutation : Mutation.values()) {
                    ByteBuf in = Unpooled.wrappedBuffer(mutation.apply(byVersion[index].get(0), random));
                    try {
                        ResponseHeader.read(in, api.responseHeaderVersion(version));
                        api.readResponse(in, version).release();
                    } catch (MalformedMessageException expected) {
                        expected.getMessage();
                    }
                }
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<ApiKey, List<byte[]>[]> validResponses() {
        Map<ApiKey, List<byte[]>[]> valid = new EnumMap<>(ApiKey.class);
        Random random = new Random(13);
        for (ApiKey api : ApiKey.values()) {
            MessageSpec spec = GeneratedSchemas.all().stream()
                    .filter(message -> message.name().equals(api.title() + "Response")).findFirst().orElseThrow();
            List<byte[]>[] byVersion = new List[api.highestVersion() - api.lowestVersion() + 1];
            for (short version = api.lowestVersion(); version <= api.highestVersion(); version++) {
                List<byte[]> samples = new ArrayList<>();
                for (int i = 0; i < SAMPLES_PER_VERSION; i++) {
                    ProtocolMessage body = i % 2 == 0 ? SampleMessages.populated(spec, version, random.nextLong())
                            : SampleMessages.populatedWithNulls(spec, version, random.nextLong());
                    samples.add(frame(api, version, random.nextInt(), body));
                }
                byVersion[version - api.lowestVersion()] = samples;
            }
            valid.put(api, byVersion);
        }
        return valid;
    }

    private static byte[] frame(ApiKey api, short version, int correlationId, ProtocolMessage body) {
        ByteBuf out = Unpooled.buffer();
        try {
            short headerVersion = api.responseHeaderVersion(version);
            new ResponseHeader().setCorrelationId(correlationId).write(out, headerVersion);
            body.write(out, version);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
            body.release();
        }
    }
}
