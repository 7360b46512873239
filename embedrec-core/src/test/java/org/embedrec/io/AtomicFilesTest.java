package org.embedrec.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes: the up-front writability check, errors naming the caller's file, stale leftovers. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void checkWritableAcceptsANewOrExistingFileAndLeavesNothingBehind() throws IOException {
        AtomicFiles.checkWritable(dir.resolve("new.bin"));
        Files.writeString(dir.resolve("old.bin"), "kept");
        AtomicFiles.checkWritable(dir.resolve("old.bin"));

        assertThat(listing()).containsExactly("old.bin");
        assertThat(Files.readString(dir.resolve("old.bin"))).isEqualTo("kept");
    }

    @Test
    void checkWritableNamesTheFileWhenItsFolderIsMissing() {
        // Failed on main, where there was no check: train computed all its epochs before failing.
        Path file = dir.resolve("nonexistent/dir/m.safetensors");

        assertThatThrownBy(() -> AtomicFiles.checkWritable(file)).isInstanceOf(IOException.class)
                .hasMessage("cannot write " + file + ": the folder " + file.getParent() + " does not exist");
    }

    @Test
    void checkWritableRefusesAFolderOrAFileAsTheParent() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("taken"));
        assertThatThrownBy(() -> AtomicFiles.checkWritable(folder)).hasMessageContaining("cannot write " + folder)
                .hasMessageContaining("is not a regular file");

        Path parentIsAFile = Files.writeString(dir.resolve("plain"), "x").resolve("m.safetensors");
        assertThatThrownBy(() -> AtomicFiles.checkWritable(parentIsAFile)).hasMessageContaining("cannot write " + parentIsAFile);
    }

    @Test
    void aFolderThatTakesNoFilesIsNamedAndNotTheTemporaryFile() {
        // /proc refuses new files even to root; main's message named "/proc/.m.st.7da6….tmp".
        Path proc = Path.of("/proc");
        assumeThat(Files.isDirectory(proc)).as("Linux /proc").isTrue();
        Path file = proc.resolve("m.st");

        assertThatThrownBy(() -> AtomicFiles.checkWritable(file)).hasMessageStartingWith("cannot write /proc/m.st: ")
                .hasMessageNotContaining(".tmp");
        assertThatThrownBy(() -> AtomicFiles.write(file, text("x"))).hasMessageStartingWith("cannot write /proc/m.st: ")
                .hasMessageNotContaining(".tmp");
    }

    @Test
    void aWriterFailureNamesTheTargetAndRemovesTheTemporaryFile() throws IOException {
        Path file = dir.resolve("out.bin");
        Files.writeString(file, "old");

        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write(java.nio.ByteBuffer.wrap(text("partial")));
            throw new IOException("disk full");
        })).hasMessage("cannot write " + file + ": disk full");

        assertThat(listing()).containsExactly("out.bin");
        assertThat(Files.readString(file)).isEqualTo("old");
    }

    @Test
    void staleTemporaryFilesOfTheSameTargetAreDeletedAtTheNextWrite() throws IOException {
        // Failed on main: each kill -9 during a save left one of these behind for good.
        Path file = dir.resolve("m.safetensors");
        FileTime old = FileTime.from(Instant.now().minus(AtomicFiles.STALE_AFTER).minusSeconds(60));
        for (String leftover : List.of(".m.safetensors.7da6c0ffee.tmp", ".m.safetensors.0.tmp")) {
            Files.setLastModifiedTime(Files.writeString(dir.resolve(leftover), "half a model"), old);
        }
        // Not ours: another target's leftover, a user's file that merely looks similar, a recent one.
        Files.setLastModifiedTime(Files.writeString(dir.resolve(".other.safetensors.abc.tmp"), "x"), old);
        Files.setLastModifiedTime(Files.writeString(dir.resolve(".m.safetensors.notes.tmp"), "x"), old);
        Files.writeString(dir.resolve(".m.safetensors.1234abcd.tmp"), "being written right now");

        AtomicFiles.write(file, text("model"));

        assertThat(listing()).containsExactly(".m.safetensors.1234abcd.tmp", ".m.safetensors.notes.tmp",
                ".other.safetensors.abc.tmp", "m.safetensors");
        assertThat(Files.readString(file)).isEqualTo("model");
    }

    @Test
    void aLockedTemporaryFileIsInUseAndStays() throws IOException {
        Path leftover = Files.writeString(dir.resolve(".m.safetensors.beef.tmp"), "another writer's");
        Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minusSeconds(3600)));
        try (FileChannel channel = FileChannel.open(leftover, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            AtomicFiles.write(dir.resolve("m.safetensors"), text("model"));

            assertThat(lock.isValid()).isTrue();
            assertThat(Files.readString(leftover)).isEqualTo("another writer's");
        }
    }
}
