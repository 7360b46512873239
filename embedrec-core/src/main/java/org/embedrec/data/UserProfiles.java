package org.embedrec.data;

import java.util.Objects;

/**
 * Demographic attributes of users, aligned with a user {@link IdIndex}: age, gender, occupation and
 * zip code per user index, as ML-100K's {@code u.user} gives them. Users without a profile have age
 * {@link #UNKNOWN_AGE} and empty strings. Immutable.
 */
public final class UserProfiles {
    /** Age of a user whose profile is unknown. */
    public static final int UNKNOWN_AGE = 0;

    private final IdIndex users;
    private final int[] ages;
    private final String[] genders;
    private final String[] occupations;
    private final String[] zipCodes;

    private UserProfiles(IdIndex users, int[] ages, String[] genders, String[] occupations, String[] zipCodes) {
        this.users = users;
        this.ages = ages;
        this.genders = genders;
        this.occupations = occupations;
        this.zipCodes = zipCodes;
    }

    /**
     * Profiles from parallel arrays indexed by user index (the arrays are copied).
     *
     * @throws IllegalArgumentException if an array's length differs from {@code users.size()}
     */
    public static UserProfiles of(IdIndex users, int[] ages, String[] genders, String[] occupations, String[] zipCodes) {
        int n = users.size();
        if (ages.length != n || genders.length != n || occupations.length != n || zipCodes.length != n) {
            throw new IllegalArgumentException("expected " + n + " entries per attribute, got ages " + ages.length
                    + ", genders " + genders.length + ", occupations " + occupations.length + ", zip codes " + zipCodes.length);
        }
        return new UserProfiles(users, ages.clone(), nonNull(genders), nonNull(occupations), nonNull(zipCodes));
    }

    private static String[] nonNull(String[] values) {
        String[] copy = values.clone();
        for (int i = 0; i < copy.length; i++) {
            copy[i] = Objects.requireNonNullElse(copy[i], "");
        }
        return copy;
    }

    /** The user id index these profiles are aligned with. */
    public IdIndex users() {
        return users;
    }

    /** Age in years of user {@code user}, or {@link #UNKNOWN_AGE}. */
    public int age(int user) {
        return ages[user];
    }

    /** Gender code ("M", "F") of user {@code user}, or "". */
    public String gender(int user) {
        return genders[user];
    }

    /** Occupation of user {@code user}, e.g. "technician", or "". */
    public String occupation(int user) {
        return occupations[user];
    }

    /** Zip code of user {@code user} (not always numeric), or "". */
    public String zipCode(int user) {
        return zipCodes[user];
    }

    @Override
    public String toString() {
        return "UserProfiles[" + users.size() + " users]";
    }
}
