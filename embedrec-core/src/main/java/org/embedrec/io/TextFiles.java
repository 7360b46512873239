package org.embedrec.io;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading text files strictly: bytes that do not decode in the expected charset are an error (naming
 * the line) rather than silently turned into replacement characters, which would corrupt ids and titles.
 */
final class TextFiles {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private TextFiles() {
    }

    /** Receives the non-blank lines of a text with their 1-based line numbers. */
    @FunctionalInterface
    interface LineConsumer {
        void accept(long number, String line);
    }

    /** Throws the "file not found" error unless {@code file} is a regular file. */
    static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file, (Files.isDirectory(file) ? "not a file: " : "file not found: ") + file);
        }
    }

    /** A buffered reader that fails with a {@link CharacterCodingException} on undecodable bytes. */
    static BufferedReader openStrict(Path file, Charset charset) throws IOException {
        requireFile(file);
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), strictDecoder(charset)), 1 << 16);
    }

    /** The whole file decoded strictly in {@code charset}, without a leading byte order mark. */
    static String read(Path file, Charset charset) {
        byte[] bytes = readBytes(file);
        try {
            return stripByteOrderMark(strictDecoder(charset).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            throw undecodable(file, charset, e);
        }
    }

    /**
     * The whole file as UTF-8 when it is valid UTF-8, else as ISO-8859-1 (which decodes any bytes). Text
     * in ISO-8859-1 with accented letters is practically never valid UTF-8, so this tells the two apart.
     */
    static String readUtf8OrLatin1(Path file) {
        byte[] bytes = readBytes(file);
        try {
            return stripByteOrderMark(strictDecoder(StandardCharsets.UTF_8).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** Calls {@code consumer} for every non-blank line of {@code text}. */
    static void forEachLine(String text, LineConsumer consumer) {
        long number = 0;
        for (String line : (Iterable<String>) text.lines()::iterator) {
            number++;
            if (!line.isBlank()) {
                consumer.accept(number, line);
            }
        }
    }

    /** Line {@code number} (1-based) of {@code text}, or "" when there is no such line; for error messages. */
    static String line(String text, long number) {
        return text.lines().skip(number - 1).findFirst().orElse("");
    }

    /** {@code line} split at every occurrence of {@code separator}, keeping empty fields (no regex). */
    static String[] split(String line, String separator) {
        List<String> fields = new ArrayList<>();
        int from = 0;
        for (int at; (at = line.indexOf(separator, from)) >= 0; from = at + separator.length()) {
            fields.add(line.substring(from, at));
        }
        fields.add(line.substring(from));
        return fields.toArray(String[]::new);
    }

    static String stripByteOrderMark(String text) {
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }

    /**
     * The error for a file that does not decode in {@code charset}, naming the first line that does not
     * decode. Rereads the file to find that line, since decoders report no position; this is the cold path.
     */
    static DataFormatException undecodable(Path file, Charset charset, CharacterCodingException cause) {
        String problem = "bytes are not valid " + charset.name()
                + (charset.equals(StandardCharsets.UTF_8) ? " (if the file is Latin-1, read it as ISO-8859-1)" : "");
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long number = 1;
            for (int b = in.read(); ; b = in.read()) {
                if (b == '\n' || b == -1) {
                    byte[] bytes = line.toByteArray();
                    if (!decodes(bytes, charset)) {
                        DataFormatException error = new DataFormatException(file, number,
                                new String(bytes, charset).stripTrailing(), problem);
                        error.initCause(cause);
                        return error;
                    }
                    if (b == -1) {
                        break;
                    }
                    line.reset();
                    number++;
                } else {
                    line.write(b);
                }
            }
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
        return new DataFormatException(file, file + ": " + problem, cause);
    }

    private static boolean decodes(byte[] bytes, Charset charset) {
        try {
            strictDecoder(charset).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static CharsetDecoder strictDecoder(Charset charset) {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static byte[] readBytes(Path file) {
        requireFile(file);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
