package org.embedrec.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.embedrec.model.EpochRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads event files back with a reader written here from the TFRecord and protobuf wire formats,
 * with its own bitwise CRC32C checked against the standard test vector.
 */
class TensorBoardEventsTest {
    @TempDir
    Path dir;

    /** Bitwise CRC32C (Castagnoli, reflected polynomial 0x82F63B78). */
    private static int crc32c(byte[] data, int from, int length) {
        int crc = 0xFFFFFFFF;
        for (int i = from; i < from + length; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82F63B78 : crc >>> 1;
            }
        }
        return ~crc;
    }

    private static int masked(int crc) {
        return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    }

    /** One decoded Event. */
    record Event(double wallTime, long step, String fileVersion, Map<String, Float> values) {
    }

    private static final class Wire {
        final ByteBuffer buffer;

        Wire(byte[] bytes, int from, int length) {
            buffer = ByteBuffer.wrap(bytes, from, length).slice().order(ByteOrder.LITTLE_ENDIAN);
        }

        boolean more() {
            return buffer.hasRemaining();
        }

        long varint() {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = buffer.get();
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
        }

        byte[] bytes() {
            byte[] out = new byte[(int) varint()];
            buffer.get(out);
            return out;
        }
    }

    private static Event decode(byte[] data) {
        Wire wire = new Wire(data, 0, data.length);
        double wallTime = Double.NaN;
        long step = -1;
        String version = null;
        Map<String, Float> values = new LinkedHashMap<>();
        while (wire.more()) {
            long key = wire.varint();
            switch ((int) key) {
                case (1 << 3) | 1 -> wallTime = wire.buffer.getDouble();
                case (2 << 3) -> step = wire.varint();
                case (3 << 3) | 2 -> version = new String(wire.bytes(), StandardCharsets.UTF_8);
                case (5 << 3) | 2 -> {
                    byte[] summary = wire.bytes();
                    Wire s = new Wire(summary, 0, summary.length);
                    while (s.more()) {
                        assertThat(s.varint()).isEqualTo((1 << 3) | 2);
                        byte[] value = s.bytes();
                        Wire v = new Wire(value, 0, value.length);
                        String tag = null;
                        float simple = Float.NaN;
                        while (v.more()) {
                            long field = v.varint();
                            if (field == ((1 << 3) | 2)) {
                                tag = new String(v.bytes(), StandardCharsets.UTF_8);
                            } else {
                                assertThat(field).isEqualTo((2 << 3) | 5);
                                simple = v.buffer.getFloat();
                            }
                        }
                        values.put(tag, simple);
                    }
                }
                default -> throw new AssertionError("unexpected field key " + key);
            }
        }
        return new Event(wallTime, step, version, values);
    }

    /** Reads every TFRecord, checking both masked CRCs. */
    private static List<Event> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Event> events = new ArrayList<>();
        while (buffer.hasRemaining()) {
            int start = buffer.position();
            long length = buffer.getLong();
            assertThat(buffer.getInt()).as("length CRC").isEqualTo(masked(crc32c(bytes, start, 8)));
            int dataStart = buffer.position();
            byte[] data = new byte[(int) length];
            buffer.get(data);
            assertThat(buffer.getInt()).as("data CRC").isEqualTo(masked(crc32c(bytes, dataStart, (int) length)));
            events.add(decode(data));
        }
        return events;
    }

    @Test
    void testCrcMatchesTheStandardVector() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(crc32c(check, 0, check.length)).isEqualTo(0xE3069283);
        assertThat(TensorBoardEvents.maskedCrc32c(check)).isEqualTo(masked(0xE3069283));
    }

    @Test
    void historyReadsBackAsVersionRecordThenOneScalarEventPerEpoch() throws IOException {
        List<EpochRecord> history = List.of(
                new EpochRecord(1, 1.5, 1.25, Map.of("rmse", 0.95), 2.0, 0.01),
                new EpochRecord(2, 0.75, Double.NaN, Map.of(), 3.0, 0.005),
                new EpochRecord(300, 0.5, 0.625, Map.of("rmse", 0.875, "mae", 0.5), 1.0, 0.001));
        Path file = TensorBoardEvents.writeHistory(dir.resolve("run"), history, 1_700_000_000.5);
        assertThat(file.getFileName().toString()).isEqualTo("events.out.tfevents.1700000000.embedrec");

        List<Event> events = read(file);
        assertThat(events).hasSize(4);
        assertThat(events.get(0).fileVersion()).isEqualTo("brain.Event:2");
        assertThat(events.get(0).wallTime()).isEqualTo(1_700_000_000.5);
        assertThat(events.get(1).step()).isEqualTo(1);
        assertThat(events.get(1).wallTime()).isEqualTo(1_700_000_002.5);
        assertThat(events.get(1).values()).containsOnly(Map.entry("learning_rate", 0.01f), Map.entry("loss/train", 1.5f),
                Map.entry("loss/validation", 1.25f), Map.entry("validation/rmse", 0.95f));
        assertThat(events.get(2).values()).containsOnly(Map.entry("learning_rate", 0.005f), Map.entry("loss/train", 0.75f));
        assertThat(events.get(3).step()).isEqualTo(300);
        assertThat(events.get(3).wallTime()).isEqualTo(1_700_000_006.5);
        assertThat(events.get(3).values()).containsEntry("validation/mae", 0.5f).containsEntry("validation/rmse", 0.875f)
                .hasSize(5);
    }
}
