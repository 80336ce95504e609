package org.seedplan.server.security;

import java.security.SecureRandom;

/** Random one-time passwords (first administrator, demo users). */
public final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private Tokens() {
    }

    /** A random password of {@code length} characters from an alphabet without look-alikes (5.8 bits each). */
    public static String password(int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
