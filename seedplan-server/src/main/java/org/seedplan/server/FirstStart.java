package org.seedplan.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.seedplan.server.security.Accounts;
import org.seedplan.server.security.Tokens;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.account.User;
import org.seedplan.storage.registry.Centre;
import org.seedplan.storage.registry.CentreRepository;

/**
 * The first start of a server on an empty database: a centre ("MAIN") when there is none, and the user
 * {@value #ADMIN} as ADMINISTRATOR of every centre, with a one-time password (printed once by the caller, or
 * read from a file) that must be changed at the first sign-in.
 */
public final class FirstStart {

    /** User name of the first administrator. */
    public static final String ADMIN = "admin";

    private FirstStart() {
    }

    /**
     * Creates the administrator when the database has no user yet; returns the one-time password when one
     * was generated (empty when it came from {@code passwordFile} or nothing was created).
     */
    public static Optional<String> ensureAdministrator(Services s, Path passwordFile) {
        if (s.accounts().users().count() > 0) {
            return Optional.empty();
        }
        String password = passwordFile == null ? Tokens.password(16) : readPassword(passwordFile);
        CentreRepository centres = new CentreRepository(s.db());
        List<Centre> all = centres.list();
        if (all.isEmpty()) {
            all = List.of(centres.create(Actor.SYSTEM, "MAIN", "Main centre"));
        }
        List<Centre> granted = all;
        s.db().inTransaction(tx -> {
            User admin = s.accounts().createUser(Actor.SYSTEM, ADMIN, "Administrator", password, true);
            for (Centre c : granted) {
                s.accounts().users().grant(Actor.SYSTEM, admin.id(), c.id(), Role.ADMINISTRATOR, s.now(), "first start of the server");
            }
            return admin;
        });
        return passwordFile == null ? Optional.of(password) : Optional.empty();
    }

    private static String readPassword(Path file) {
        try {
            String p = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
            if (p.length() < Accounts.MIN_PASSWORD_LENGTH) {
                throw new IllegalArgumentException("--admin-password-file " + file + ": the password on its first line has " + p.length()
                        + " characters; give at least " + Accounts.MIN_PASSWORD_LENGTH);
            }
            return p;
        } catch (IOException e) {
            throw new IllegalArgumentException("--admin-password-file " + file + " cannot be read (" + e.getMessage() + "); give a readable file", e);
        }
    }
}
