package org.seedplan.storage;

import org.seedplan.storage.account.Role;

/**
 * Who is making a change, as the audit trail records it.
 *
 * @param userId    the user's id ({@code null} for the system itself, e.g. migrations or the first start)
 * @param username  the user's name ("system" for the system)
 * @param role      the role the user acts in ({@code null} when not acting for a centre, e.g. signing in)
 * @param centreId  the centre the user acts for ({@code null} when none)
 * @param requestId the request id of the web request, or {@code null}
 */
public record Actor(Long userId, String username, Role role, Long centreId, String requestId) {

    /** The system itself (first start, imports from the command line). */
    public static final Actor SYSTEM = new Actor(null, "system", null, null, null);

    public Actor {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("actor: username is empty; name who makes the change");
        }
    }

    /** The same actor acting within another request. */
    public Actor withRequestId(String id) {
        return new Actor(userId, username, role, centreId, id);
    }
}
