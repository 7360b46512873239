package org.embedrec.cli;

/** Entry point of the {@code embedrec} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("embedrec: commands arrive in the next commits");
    }
}
