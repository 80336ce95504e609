package org.seedplan.dicom.net;

import java.util.Locale;

/** A DICOM peer written {@code AET@HOST:PORT}: its application entity title, host name or address, and TCP port. */
public record AeAddress(String aeTitle, String host, int port) {

    /** Checks the three parts; a bad one throws an {@link IllegalArgumentException} naming it. */
    public AeAddress {
        checkAeTitle(aeTitle, "the AE title of " + aeTitle + "@" + host + ":" + port);
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("peer " + aeTitle + "@:" + port + " has no host: write AET@HOST:PORT");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("peer " + aeTitle + "@" + host + ":" + port
                    + ": port must be 1 to 65535");
        }
    }

    /** Parses {@code AET@HOST:PORT} (an IPv6 host in brackets: {@code AET@[::1]:104}). */
    public static AeAddress parse(String text) {
        String usage = ": write the peer as AET@HOST:PORT, for example ORTHANC@127.0.0.1:4242";
        if (text == null) {
            throw new IllegalArgumentException("no peer given" + usage);
        }
        int at = text.lastIndexOf('@');
        int colon = text.lastIndexOf(':');
        if (at <= 0 || colon < at + 2 || colon == text.length() - 1) {
            throw new IllegalArgumentException("peer '" + text + "' is malformed" + usage);
        }
        String host = text.substring(at + 1, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("peer '" + text + "': port '" + text.substring(colon + 1)
                    + "' is not a number" + usage);
        }
        return new AeAddress(text.substring(0, at), host, port);
    }

    /**
     * Checks an application entity title (PS3.5 §6.2, VR AE): 1 to 16 characters of printable ASCII
     * without backslash, not only spaces.
     */
    public static String checkAeTitle(String aeTitle, String what) {
        if (aeTitle == null || aeTitle.isBlank()) {
            throw new IllegalArgumentException(what + " is empty: give 1 to 16 characters, for example SEEDPLAN");
        }
        if (aeTitle.length() > 16) {
            throw new IllegalArgumentException(what + " '" + aeTitle + "' has " + aeTitle.length()
                    + " characters: an AE title has at most 16");
        }
        for (char c : aeTitle.toCharArray()) {
            if (c < 0x20 || c > 0x7E || c == '\\') {
                throw new IllegalArgumentException(what + " '" + aeTitle + "' contains '" + c
                        + "': use printable ASCII letters, digits, '-' or '_' only");
            }
        }
        return aeTitle.trim();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s@%s:%d", aeTitle, host, port);
    }
}
