package dev.gregor.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import dev.gregor.AuthenticationException;
import org.junit.jupiter.api.Test;

class ScramMechanismTest {

    /** The example exchange of RFC 7677, section 3. */
    private static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String CLIENT_FINAL =
            "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    @Test
    void followsTheSha256ExampleOfRfc7677() {
        ScramMechanism scram = new ScramMechanism(ScramMechanism.Hash.SHA_256, "user", "pencil", CLIENT_NONCE);

        assertThat(text(scram.firstMessage())).isEqualTo("n,,n=user,r=" + CLIENT_NONCE);
        assertThat(text(scram.reply(bytes(SERVER_FIRST)))).isEqualTo(CLIENT_FINAL);
        assertThat(scram.reply(bytes(SERVER_FINAL))).isNull();
    }

    @Test
    void refusesAServerWhoseSignatureDoesNotVerify() {
        ScramMechanism scram = new ScramMechanism(ScramMechanism.Hash.SHA_256, "user", "pencil", CLIENT_NONCE);
        scram.reply(bytes(SERVER_FIRST));

        assertThatThrownBy(() -> scram.reply(bytes("v=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("signature does not verify");
    }

    @Test
    void refusesAServerNonceThatDoesNotExtendTheClients() {
        ScramMechanism scram = new ScramMechanism(ScramMechanism.Hash.SHA_512, "user", "pencil", CLIENT_NONCE);

        assertThatThrownBy(() -> scram.reply(bytes("r=someoneElse,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("nonce");
    }

    @Test
    void refusesTooFewIterations() {
        ScramMechanism scram = new ScramMechanism(ScramMechanism.Hash.SHA_512, "user", "pencil", CLIENT_NONCE);

        assertThatThrownBy(() -> scram.reply(bytes(SERVER_FIRST.replace("i=4096", "i=1"))))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("iterations");
    }

    @Test
    void escapesCommasAndEqualsInUserNames() {
        ScramMechanism scram = new ScramMechanism(ScramMechanism.Hash.SHA_256, "a,b=c", "pencil", CLIENT_NONCE);

        assertThat(text(scram.firstMessage())).isEqualTo("n,,n=a=2Cb=3Dc,r=" + CLIENT_NONCE);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
