package org.seedplan.server.handlers;


/** The Set-Cookie values of the session cookie {@value #COOKIE}: HttpOnly, SameSite=Strict, Secure over TLS. */
public final class CookieHeaders {

    /** Name of the session cookie. */
    public static final String COOKIE = "seedplan_session";

    private CookieHeaders() {
    }

    /** The cookie of a new session. */
    public static String session(String token, boolean secure) {
        return COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    /** The value that deletes the cookie. */
    public static String cleared(boolean secure) {
        return COOKIE + "=; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "") + "; Max-Age=0";
    }
}
