package org.embedrec.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Ratings#fingerprint()} against SHA-256 over the byte stream its Javadoc defines, built naively. */
class FingerprintTest {
    @Test
    void theFingerprintIsTheDigestOfEveryRowWrittenOut() throws Exception {
        // Ids of every length around the 8 bytes a short id is written in, multi-byte UTF-8 among them.
        List<String> userIds = new ArrayList<>();
        List<String> itemIds = new ArrayList<>();
        for (int length = 1; length <= 12; length++) {
            userIds.add("u".repeat(length));
            userIds.add("é".repeat(length));
            itemIds.add(Integer.toString(length).repeat(length));
            itemIds.add("item-with-a-long-id-" + length);
        }
        IdIndex users = IdIndex.of(userIds);
        IdIndex items = IdIndex.of(itemIds);
        SplittableRandom random = new SplittableRandom(7);
        // Enough rows for several of the digest's 64 KiB chunks.
        int n = 20_000;
        int[] user = new int[n];
        int[] item = new int[n];
        float[] rating = new float[n];
        for (int row = 0; row < n; row++) {
            user[row] = random.nextInt(users.size());
            item[row] = random.nextInt(items.size());
            rating[row] = random.nextInt(11) / 2f - 0.25f;
        }
        Ratings ratings = Ratings.of(users, items, user, item, rating, null);

        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int row = 0; row < n; row++) {
            stream.writeBytes(users.id(user[row]).getBytes(StandardCharsets.UTF_8));
            stream.write(0);
            stream.writeBytes(items.id(item[row]).getBytes(StandardCharsets.UTF_8));
            stream.write(0);
            int bits = Float.floatToIntBits(rating[row]);
            for (int shift = 0; shift < 32; shift += 8) {
                stream.write(bits >>> shift);
            }
        }
        assertThat(stream.size()).isGreaterThan(3 << 16);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stream.toByteArray()));
        assertThat(ratings.fingerprint()).isEqualTo(expected);
    }
}
