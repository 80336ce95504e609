package org.seedplan.server.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.seedplan.storage.account.Role;

/** Which role holds which permission, read from the data file {@code org/seedplan/server/permissions.csv}. */
public final class PermissionMatrix {

    private static final String RESOURCE = "/org/seedplan/server/permissions.csv";
    private static final PermissionMatrix BUILT_IN = parse(RESOURCE, resourceText());

    private final Map<Role, Set<Permission>> granted;

    private PermissionMatrix(Map<Role, Set<Permission>> granted) {
        this.granted = granted;
    }

    /** The matrix shipped with seedplan. */
    public static PermissionMatrix builtIn() {
        return BUILT_IN;
    }

    /** Whether {@code role} holds {@code permission} (PUBLIC and SIGNED_IN are held by every role). */
    public boolean allows(Role role, Permission permission) {
        return permission == Permission.PUBLIC || permission == Permission.SIGNED_IN || granted.get(role).contains(permission);
    }

    /** The roles that hold {@code permission}. */
    public java.util.List<Role> rolesWith(Permission permission) {
        return java.util.Arrays.stream(Role.values()).filter(r -> allows(r, permission)).toList();
    }

    /**
     * Whom a caller refused {@code permission} can turn to, for the refusal's message: "only the physician or physicist role
     * allows it; ask your centre's administrator for one" (the roles in the matrix's order, as the screens name them).
     */
    public String whoMay(Permission permission) {
        List<String> roles = rolesWith(permission).stream().map(r -> r.name().toLowerCase(Locale.ROOT).replace('_', ' ')).toList();
        if (roles.isEmpty()) {
            return "no role allows it";
        }
        String names = roles.size() == 1 ? roles.get(0)
                : String.join(", ", roles.subList(0, roles.size() - 1)) + " or " + roles.get(roles.size() - 1);
        return "only the " + names + " role allows it; ask your centre's administrator" + (roles.size() == 1 ? " for it" : " for one");
    }

    /** Parses the matrix: a header {@code permission,ROLE…} and one row per permission with x where allowed. */
    static PermissionMatrix parse(String source, String text) {
        Map<Role, Set<Permission>> granted = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
            granted.put(r, EnumSet.noneOf(Permission.class));
        }
        Role[] columns = null;
        Set<Permission> seen = EnumSet.noneOf(Permission.class);
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] cells = l.split(",", -1);
            if (columns == null) {
                columns = new Role[cells.length - 1];
                for (int i = 1; i < cells.length; i++) {
                    columns[i - 1] = Role.valueOf(cells[i].strip());
                }
                continue;
            }
            Permission p = Permission.valueOf(cells[0].strip());
            seen.add(p);
            for (int i = 1; i < cells.length; i++) {
                if (cells[i].strip().equalsIgnoreCase("x")) {
                    granted.get(columns[i - 1]).add(p);
                }
            }
        }
        for (Permission p : Permission.values()) {
            if (p != Permission.PUBLIC && p != Permission.SIGNED_IN && !seen.contains(p)) {
                throw new IllegalStateException(source + ": no row for permission " + p + ": add one (empty cells deny)");
            }
        }
        return new PermissionMatrix(granted);
    }

    private static String resourceText() {
        try (InputStream in = PermissionMatrix.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
