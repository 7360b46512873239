package org.embedrec.analysis;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.embedrec.model.EpochRecord;

/**
 * A TensorBoard event file writer for scalar summaries, so that {@code tensorboard --logdir DIR}
 * shows the learning curves, written without a protobuf dependency.
 *
 * <p>An event file is a sequence of TFRecords: {@code uint64 length}, {@code uint32 masked
 * CRC32C(length bytes)}, the data, {@code uint32 masked CRC32C(data)}, all little-endian, where
 * {@code masked(c) = ((c >>> 15) | (c << 17)) + 0xa282ead8}. Each record's data is an
 * {@code tensorflow.Event} protobuf: field 1 {@code double wall_time}, field 2 {@code int64 step},
 * and either field 3 {@code string file_version} (the first record, {@code "brain.Event:2"}) or
 * field 5 {@code Summary summary}, a repeated field 1 {@code Summary.Value} with field 1
 * {@code string tag} and field 2 {@code float simple_value}.
 */
public final class TensorBoardEvents implements Closeable {
    /** The version string of the first record. */
    public static final String FILE_VERSION = "brain.Event:2";

    private static final int MASK_DELTA = 0xa282ead8;

    private final OutputStream out;
    private final Path file;

    private TensorBoardEvents(Path file) throws IOException {
        this.file = file;
        this.out = Files.newOutputStream(file);
    }

    /**
     * Creates {@code events.out.tfevents.<seconds>.embedrec} in {@code logDir} (created if needed) and
     * writes its version record.
     */
    public static TensorBoardEvents create(Path logDir, double wallTime) throws IOException {
        Files.createDirectories(logDir);
        TensorBoardEvents events = new TensorBoardEvents(
                logDir.resolve("events.out.tfevents." + (long) wallTime + ".embedrec"));
        events.writeRecord(event(wallTime, 0, 3, FILE_VERSION.getBytes(StandardCharsets.UTF_8)));
        return events;
    }

    /**
     * Writes a training history into {@code logDir}: per epoch the scalars {@code loss/train},
     * {@code loss/validation} (when measured), {@code validation/NAME} for each metric and
     * {@code learning_rate}, at step = epoch number.
     *
     * @param wallTime the wall time of the first epoch's events in seconds since the epoch; later
     *     epochs add their recorded durations, so the relative-time axis shows real training time
     * @return the event file written
     */
    public static Path writeHistory(Path logDir, List<EpochRecord> history, double wallTime) throws IOException {
        try (TensorBoardEvents events = create(logDir, wallTime)) {
            double time = wallTime;
            for (EpochRecord epoch : history) {
                time += epoch.seconds();
                Map<String, Double> scalars = new TreeMap<>();
                scalars.put("loss/train", epoch.trainLoss());
                if (!Double.isNaN(epoch.validationLoss())) {
                    scalars.put("loss/validation", epoch.validationLoss());
                }
                epoch.metrics().forEach((name, value) -> scalars.put("validation/" + name, value));
                scalars.put("learning_rate", epoch.learningRate());
                events.writeScalars(epoch.epoch(), time, scalars);
            }
            return events.file();
        }
    }

    /** The file being written. */
    public Path file() {
        return file;
    }

    /** Writes one event at {@code step} holding one simple value per entry of {@code scalars}. */
    public void writeScalars(long step, double wallTime, Map<String, Double> scalars) throws IOException {
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        for (Map.Entry<String, Double> scalar : scalars.entrySet()) {
            ByteArrayOutputStream value = new ByteArrayOutputStream();
            writeBytesField(value, 1, scalar.getKey().getBytes(StandardCharsets.UTF_8));
            value.write(tag(2, 5));
            value.write(littleEndian(4).putFloat(scalar.getValue().floatValue()).array());
            writeBytesField(summary, 1, value.toByteArray());
        }
        writeRecord(event(wallTime, step, 5, summary.toByteArray()));
    }

    /** An Event with wall time, step and one length-delimited field. */
    private static byte[] event(double wallTime, long step, int field, byte[] payload) throws IOException {
        ByteArrayOutputStream event = new ByteArrayOutputStream();
        event.write(tag(1, 1));
        event.write(littleEndian(8).putDouble(wallTime).array());
        event.write(tag(2, 0));
        writeVarint(event, step);
        writeBytesField(event, field, payload);
        return event.toByteArray();
    }

    private void writeRecord(byte[] data) throws IOException {
        byte[] length = littleEndian(8).putLong(data.length).array();
        out.write(length);
        out.write(littleEndian(4).putInt(maskedCrc32c(length)).array());
        out.write(data);
        out.write(littleEndian(4).putInt(maskedCrc32c(data)).array());
    }

    /** The masked CRC32C TFRecord uses, so that CRCs of data containing CRCs stay well distributed. */
    static int maskedCrc32c(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        int value = (int) crc.getValue();
        return ((value >>> 15) | (value << 17)) + MASK_DELTA;
    }

    private static ByteBuffer littleEndian(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int tag(int field, int wireType) {
        return field << 3 | wireType;
    }

    private static void writeBytesField(ByteArrayOutputStream out, int field, byte[] bytes) {
        out.write(tag(field, 2));
        writeVarint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.write((int) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        out.write((int) rest);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
