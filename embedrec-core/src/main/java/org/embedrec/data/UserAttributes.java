package org.embedrec.data;

import java.util.List;
import java.util.Objects;

/**
 * What a user metadata file says about each user it lists: attributes such as
 * {@code favourite_category=Books} or {@code age=Q2} (a numeric column's quartile), in the file's column
 * order, shown wherever a user is shown. Users are looked up by external id; a user the file does not
 * list has no attributes, and listed users need not have interactions.
 *
 * @param users the listed users, in file order
 * @param attributes each listed user's attributes, by user index
 */
public record UserAttributes(IdIndex users, List<List<String>> attributes) {
    private static final UserAttributes NONE = new UserAttributes(IdIndex.of(List.of()), List.of());

    /** Checks that every listed user has a list of attributes, and freezes them. */
    public UserAttributes {
        Objects.requireNonNull(users, "users");
        attributes = attributes.stream().map(List::copyOf).toList();
        if (attributes.size() != users.size()) {
            throw new IllegalArgumentException(attributes.size() + " attribute lists for " + users.size() + " users");
        }
    }

    /** No user metadata. */
    public static UserAttributes none() {
        return NONE;
    }

    /** The attributes of user {@code id}; empty when the metadata does not list the user. */
    public List<String> of(String id) {
        int user = users.tryIndex(id);
        return user < 0 ? List.of() : attributes.get(user);
    }

    /** Whether there is no user metadata. */
    public boolean isEmpty() {
        return users.size() == 0;
    }
}
