package dev.gregor.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.gregor.Header;
import org.junit.jupiter.api.Test;

class ProducerRecordTest {

    @Test
    void toStringShowsPrintableKeysAndValuesHeaderNamesAndTheChosenPartition() {
        ProducerRecord record = ProducerRecord.of("hello").withKey("user-1")
                .withHeader(Header.of("trace-id", "secret-trace")).withHeader(Header.of("source", "web"))
                .withPartition(2).withTimestamp(1_700_000_000_000L);

        assertThat(record.toString()).isEqualTo("ProducerRecord[key=\"user-1\" (6 bytes), value=\"hello\" (5 bytes),"
                + " headers=[trace-id, source], timestamp=1700000000000, partition=2]");
    }

    @Test
    void toStringGivesOnlyTheSizeOfBinaryValues() {
        ProducerRecord record = ProducerRecord.of(new byte[] {0, 1, 2, (byte) 0xff});

        assertThat(record.toString()).isEqualTo("ProducerRecord[key=null, value=4 bytes]");
    }

    @Test
    void toStringCutsLargeValuesShort() {
        byte[] large = new byte[1024 * 1024];
        Arrays.fill(large, (byte) 'a');

        String shown = ProducerRecord.of(large).toString();

        assertThat(shown).hasSizeLessThan(200).contains("(1048576 bytes)").contains("a…\"")
                .contains("\"" + "a".repeat(BytesPreview.MAX_BYTES) + "…\"");
    }

    @Test
    void toStringDoesNotSplitACharacterAtTheCut() {
        byte[] text = "é".repeat(BytesPreview.MAX_BYTES).getBytes(StandardCharsets.UTF_8);

        assertThat(ProducerRecord.of(text).toString())
                .contains("value=\"" + "é".repeat(BytesPreview.MAX_BYTES / 2) + "…\" (" + text.length + " bytes)");
    }

    @Test
    void toStringTreatsATombstoneAndAControlCharacterApart() {
        assertThat(ProducerRecord.of((byte[]) null).withKey("k").toString())
                .isEqualTo("ProducerRecord[key=\"k\" (1 byte), value=null]");
        assertThat(ProducerRecord.of("line\nbreak").toString()).contains("value=10 bytes");
    }
}
