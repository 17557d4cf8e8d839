package dev.gregor.support;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import dev.gregor.internal.protocol.ErrorCode;
import dev.gregor.internal.protocol.ProtocolMessage;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.ApiVersionsResponse;
import dev.gregor.internal.protocol.message.ResponseHeader;
import dev.gregor.internal.protocol.message.SaslHandshakeResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * What a fake broker on a socket answers, written with Gregor's own generated messages: the handshake every client
 * connection begins with (ApiVersions, and the SASL probe a plaintext listener refuses), and the framing of any
 * response.
 */
public final class FakeBrokerResponses {

    private FakeBrokerResponses() {
    }

    /** ApiVersions naming every API and version the client knows. */
    public static ApiVersionsResponse apiVersions() {
        List<ApiVersionsResponse.ApiVersion> apis = new ArrayList<>();
        for (ApiKey each : ApiKey.values()) {
            apis.add(new ApiVersionsResponse.ApiVersion().setApiKey(each.id()).setMinVersion(each.lowestVersion())
                    .setMaxVersion(each.highestVersion()));
        }
        return new ApiVersionsResponse().setApiKeys(apis);
    }

    /** The answer of a listener without SASL to the client's SaslHandshake probe. */
    public static SaslHandshakeResponse noSasl() {
        return new SaslHandshakeResponse().setErrorCode(ErrorCode.ILLEGAL_SASL_STATE.code());
    }

    /** Writes {@code response} to {@code api} at {@code version} as one frame: length, header, body. */
    public static void write(DataOutputStream out, ApiKey api, short version, int correlationId,
                             ProtocolMessage response) throws IOException {
        ByteBuf body = Unpooled.buffer();
        new ResponseHeader().setCorrelationId(correlationId).write(body, api.responseHeaderVersion(version));
        response.write(body, version);
        byte[] bytes = ByteBufUtil.getBytes(body);
        body.release();
        out.writeInt(bytes.length);
        out.write(bytes);
    }
}
