package org.embedrec.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.embedrec.data.Dataset;
import org.embedrec.data.UserAttributes;
import org.embedrec.synth.SyntheticStoreEvents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User metadata: the generated store's users.csv through a spec's {@code users} block, read by the item metadata's loader. */
class UserMetadataTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void generate() throws IOException {
        new SyntheticStoreEvents(SyntheticStoreEvents.Options.defaults().withSize(60, 80, 1_500).withSeed(3)).generate(dir);
    }

    private static DataSpec spec(Map<String, Object> users) {
        Map<String, Object> map = new LinkedHashMap<>(Map.of("source", "events.csv",
                "columns", Map.of("user", "user_id", "item", "item_id"),
                "event-weights", Map.of("view", 1, "cart", 3, "purchase", 5)));
        map.put("users", users);
        return DataSpec.fromMap(map, dir);
    }

    @Test
    void everyUserGetsTheFavouriteCategoryTheFileLists() throws IOException {
        Dataset data = DataLoader.load(spec(Map.of("source", "users.csv")), MovieLens.CachePolicy.NEVER).dataset();

        List<String> lines = Files.readAllLines(dir.resolve("users.csv"));
        assertThat(lines.get(0)).isEqualTo(SyntheticStoreEvents.USERS_HEADER);
        Map<String, String> favourite = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            favourite.put(line.split(",")[0], line.split(",")[1]);
        }
        assertThat(favourite).hasSize(60);
        for (Map.Entry<String, String> user : favourite.entrySet()) {
            assertThat(data.users().of(user.getKey())).containsExactly("favourite_category=" + user.getValue());
        }
        assertThat(data.users().of("not-a-user")).isEmpty();
        assertThat(DataLoader.load(spec(null), MovieLens.CachePolicy.NEVER).dataset().users()).isEqualTo(UserAttributes.none());
    }

    @Test
    void theSpecRecordsTheUsersBlockSoAModelFindsThemAgain() {
        DataSpec spec = spec(Map.of("source", "users.csv", "id", "user_id", "numeric", List.of("age")));

        assertThat(spec.toMap().get("users")).isEqualTo(Map.of("source", dir.resolve("users.csv").toString(), "id", "user_id",
                "numeric", List.of("age")));
        assertThat(DataSpec.fromRecorded(spec.toRecorded())).isEqualTo(spec);
        assertThatThrownBy(() -> spec(Map.of("source", "users.csv", "year", "born")))
                .hasMessageContaining("unknown key \"year\" in users");
    }

    @Test
    void badUserMetadataIsNamedByFileLineColumnAndValue() throws IOException {
        Files.writeString(dir.resolve("ages.csv"), "user_id,age,segment\nu1,31,a\nu2,old,b\n");
        Files.writeString(dir.resolve("twice.csv"), "user_id,segment\nu1,a\nu1,b\n");

        assertThatThrownBy(() -> DataLoader.loadUsers(spec(Map.of("source", "users.csv", "categories", List.of("segment")))))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("no column \"segment\"; the header found: user_id,favourite_category");
        assertThatThrownBy(() -> DataLoader.loadUsers(spec(Map.of("source", "ages.csv", "numeric", List.of("age")))))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("ages.csv, line 3, column \"age\": value \"old\" is not a number");
        assertThatThrownBy(() -> DataLoader.loadUsers(spec(Map.of("source", "twice.csv"))))
                .hasMessageContaining("twice.csv, line 3, column \"user_id\": value \"u1\" appears twice (each user needs one row)");
    }

    @Test
    void numericUserColumnsBecomeQuartilesAndEveryOtherColumnAnAttribute() throws IOException {
        Files.writeString(dir.resolve("people.csv"), "id,title,age,segment\nu1,Ann,20,a|b\nu2,,30,\nu3,Cy,40,c\nu4,Di,50,c\n");

        UserAttributes users = DataLoader.loadUsers(spec(Map.of("source", "people.csv", "numeric", List.of("age"))));

        assertThat(users.of("u1")).containsExactly("title=Ann", "segment=a", "segment=b", "age=Q1");
        assertThat(users.of("u2")).containsExactly("age=Q2");
        assertThat(users.of("u4")).containsExactly("title=Di", "segment=c", "age=Q4");
    }
}
