package org.embedrec.io;

/**
 * Parsing numbers from a region of a line without allocating a substring on the common path, as every
 * ratings reader does ({@link RatingLineParser}, the loaders, the Spark jobs), so that they agree on what a
 * rating field means.
 */
public final class Decimals {
    /** Powers of ten up to 10^7, all exact floats. */
    private static final float[] POWERS_OF_TEN = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f};
    private static final int MAX_FAST_DIGITS = 7;

    private Decimals() {
    }

    /**
     * The float value of {@code text[start, end)}, exactly as {@link Float#parseFloat} would give it.
     * Plain decimals of at most 7 digits ("4", "3.5", "-0.25") take a fast path: the digits form an exact
     * float, the power of ten is exact, and IEEE division rounds correctly, so one division yields the
     * float nearest the decimal. Anything else goes to {@link Float#parseFloat}, restricted to decimal
     * and exponent notation plus "NaN" and "Infinity" (no hexadecimal, no "f"/"d" suffixes).
     *
     * @throws NumberFormatException if the region is not a number
     */
    public static float parseFloat(String text, int start, int end) {
        int i = start;
        boolean negative = i < end && text.charAt(i) == '-';
        if (i < end && (negative || text.charAt(i) == '+')) {
            i++;
        }
        int mantissa = 0;
        int digits = 0;
        int fractionDigits = 0;
        boolean point = false;
        for (; i < end; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                mantissa = mantissa * 10 + (c - '0');
                digits++;
                fractionDigits += point ? 1 : 0;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                digits = Integer.MAX_VALUE;
                break;
            }
        }
        if (digits > 0 && digits <= MAX_FAST_DIGITS) {
            float value = mantissa / POWERS_OF_TEN[fractionDigits];
            return negative ? -value : value;
        }
        return parseGeneral(text.substring(start, end));
    }

    private static float parseGeneral(String number) {
        String unsigned = number.startsWith("-") || number.startsWith("+") ? number.substring(1) : number;
        if (!unsigned.equals("NaN") && !unsigned.equals("Infinity")) {
            for (int i = 0; i < number.length(); i++) {
                char c = number.charAt(i);
                if (!(c >= '0' && c <= '9') && c != '.' && c != 'e' && c != 'E' && c != '-' && c != '+') {
                    throw new NumberFormatException("not a decimal number: \"" + number + "\"");
                }
            }
        }
        return Float.parseFloat(number);
    }
}
